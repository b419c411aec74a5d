#include "ledger/timestamp.h"

#include <QTest>
#include <QTimeZone>

using backstep::Timestamp;

class TestTimestamp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms = 0) {
            return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc());
        };
        QTest::newRow("sqlite CURRENT_TIMESTAMP") << QStringLiteral("2023-05-01 10:00:00") << utc(2023, 5, 1, 10, 0, 0);
        QTest::newRow("runner's own") << QStringLiteral("2023-05-01 10:00:00.123") << utc(2023, 5, 1, 10, 0, 0, 123);
        QTest::newRow("iso Z") << QStringLiteral("2023-05-01T10:00:00Z") << utc(2023, 5, 1, 10, 0, 0);
        QTest::newRow("iso ms Z") << QStringLiteral("2023-05-01T10:00:00.5Z") << utc(2023, 5, 1, 10, 0, 0, 500);
        QTest::newRow("microseconds") << QStringLiteral("2023-05-01 10:00:00.123456") << utc(2023, 5, 1, 10, 0, 0, 123);
        QTest::newRow("offset") << QStringLiteral("2023-05-01T12:00:00+02:00") << utc(2023, 5, 1, 10, 0, 0);
        QTest::newRow("postgres short offset") << QStringLiteral("2023-05-01 10:00:00+00") << utc(2023, 5, 1, 10, 0, 0);
        QTest::newRow("postgres offset ms") << QStringLiteral("2023-05-01 11:00:00.25-01") << utc(2023, 5, 1, 12, 0, 0, 250);
        QTest::newRow("epoch seconds") << QStringLiteral("1682935200") << utc(2023, 5, 1, 10, 0, 0);
        QTest::newRow("epoch milliseconds") << QStringLiteral("1682935200000") << utc(2023, 5, 1, 10, 0, 0);
        QTest::newRow("surrounding blanks") << QStringLiteral("  2023-05-01 10:00:00 ") << utc(2023, 5, 1, 10, 0, 0);
        QTest::newRow("empty") << QString() << QDateTime();
        QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
        QTest::newRow("bad month") << QStringLiteral("2023-13-01 10:00:00") << QDateTime();
        QTest::newRow("trailing junk") << QStringLiteral("2023-05-01 10:00:00 abc") << QDateTime();
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = Timestamp::parse(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void format()
    {
        const QDateTime time(QDate(2024, 2, 9), QTime(7, 5, 3, 42), QTimeZone::utc());
        QCOMPARE(Timestamp::toStorage(time), QStringLiteral("2024-02-09 07:05:03.042"));
        QCOMPARE(Timestamp::toDisplay(time), QStringLiteral("2024-02-09 07:05:03"));
        QCOMPARE(Timestamp::toIso(time), QStringLiteral("2024-02-09T07:05:03.042Z"));
        // Another zone is shown as the same instant in UTC.
        const QDateTime berlin(QDate(2024, 7, 1), QTime(12, 0), QTimeZone("Europe/Berlin"));
        QCOMPARE(Timestamp::toDisplay(berlin), QStringLiteral("2024-07-01 10:00:00"));
        QCOMPARE(Timestamp::toStorage(QDateTime()), QString());
        QCOMPARE(Timestamp::toIso(QDateTime()), QString());
    }

    void roundTrip()
    {
        const QDateTime time(QDate(1999, 12, 31), QTime(23, 59, 59, 999), QTimeZone::utc());
        QCOMPARE(Timestamp::parse(Timestamp::toStorage(time)), time);
        QCOMPARE(Timestamp::parse(Timestamp::toIso(time)), time);
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
