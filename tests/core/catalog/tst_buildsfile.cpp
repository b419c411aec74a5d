// BuildsFile: the builds files it reads, every malformed one it rejects with the exact
// message, the bundled demo's builds.json, and finding a build by version or id.

#include "catalog/buildsfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace backstep;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(std::optional<backstep::Build>)

namespace {

Build build(const QString& version, qint64 maxId, QDate released = {})
{
    return Build { version, maxId, released };
}

const Builds Demo {
    build(u"1.0.0"_s, 6, QDate(2023, 3, 4)),
    build(u"1.1.0"_s, 10, QDate(2023, 5, 20)),
    build(u"1.2.0"_s, 14, QDate(2023, 8, 12)),
    build(u"1.3.0"_s, 18, QDate(2023, 11, 3)),
    build(u"1.4.0"_s, 22, QDate(2024, 2, 10)),
    build(u"1.5.0"_s, 26, QDate(2024, 5, 25)),
    build(u"1.6.0"_s, 29, QDate(2024, 8, 30)),
    build(u"1.7.0"_s, 31, QDate(2024, 10, 19)),
    build(u"2.0.0"_s, 34, QDate(2024, 12, 7)),
    build(u"2.1.0"_s, 37, QDate(2025, 2, 22)),
};

// Writes the text to builds.json in a fresh folder that lives as long as the fixture.
struct Fixture
{
    QTemporaryDir dir;

    Result<Builds> read(const QByteArray& json)
    {
        QFile file(path());
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
            return makeError(Error::Code::Internal, u"cannot write "_s + path());
        file.close();
        return BuildsFile::read(path());
    }

    QString path() const
    {
        return dir.filePath(u"builds.json"_s);
    }
};

} // namespace

class TestBuildsFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBuilds_data();
    void readsBuilds();
    void rejects_data();
    void rejects();
    void rejectsAnUnreadableFile();
    void readsTheDemoBuilds();
    void find_data();
    void find();
    void findPrefersAVersionOverAnId();
};

void TestBuildsFile::readsBuilds_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Builds>("expected");

    QTest::newRow("one build") << R"([{"version": "1.0.0", "max_id": 6, "released": "2023-03-04"}])"_ba
                               << Builds { build(u"1.0.0"_s, 6, QDate(2023, 3, 4)) };
    QTest::newRow("no builds") << "[]"_ba << Builds {};
    QTest::newRow("released is optional")
        << R"([{"version": "1.0.0", "max_id": 6}, {"version": "1.1.0", "max_id": 7, "released": null}])"_ba
        << Builds { build(u"1.0.0"_s, 6), build(u"1.1.0"_s, 7) };
    QTest::newRow("a patch release without migrations keeps max_id")
        << R"([{"version": "1.0.0", "max_id": 6}, {"version": "1.0.1", "max_id": 6}])"_ba
        << Builds { build(u"1.0.0"_s, 6), build(u"1.0.1"_s, 6) };
    QTest::newRow("other keys are notes")
        << R"([{"version": "v1", "max_id": 6, "notes": "first", "tag": [1]}])"_ba << Builds { build(u"v1"_s, 6) };
    QTest::newRow("a whole number written as a double")
        << R"([{"version": "1.0.0", "max_id": 6.0}])"_ba << Builds { build(u"1.0.0"_s, 6) };
    QTest::newRow("any version text") << R"([{"version": "2024.1 \"Oak\"", "max_id": 1}])"_ba
                                      << Builds { build(u"2024.1 \"Oak\""_s, 1) };
}

void TestBuildsFile::readsBuilds()
{
    QFETCH(QByteArray, json);
    QFETCH(Builds, expected);

    Fixture fixture;
    const auto builds = fixture.read(json);
    QVERIFY2(builds.ok(), qPrintable(builds.ok() ? QString() : builds.error().message));
    QCOMPARE(builds.value(), expected);
}

void TestBuildsFile::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    // "%1" stands for the file's path.
    QTest::addColumn<QString>("message");

    const QString notArray = u"%1: not a JSON array of builds ([{\"version\": ..., \"max_id\": ...}, ...])"_s;
    QTest::newRow("an object") << R"({"version": "1.0.0", "max_id": 6})"_ba << notArray;
    QTest::newRow("empty file") << ""_ba << u"%1:1: not JSON: illegal value"_s;
    QTest::newRow("not JSON, line 3")
        << "[\n  {\"version\": \"1.0.0\", \"max_id\": 6},\n  {\"version\" \"1.1.0\"}\n]"_ba
        << u"%1:3: not JSON: missing name separator"_s;
    QTest::newRow("unterminated") << "[\n  {\"version\": \"1.0.0\", \"max_id\": 6}\n"_ba
                                  << u"%1:3: not JSON: unterminated array"_s;

    QTest::newRow("entry not an object") << R"([{"version": "1.0.0", "max_id": 6}, "1.1.0"])"_ba
                                         << u"%1: entry 2: not an object but \"1.1.0\""_s;
    QTest::newRow("no version") << R"([{"max_id": 6}])"_ba << u"%1: entry 1: no \"version\""_s;
    QTest::newRow("empty version") << R"([{"version": "", "max_id": 6}])"_ba
                                   << u"%1: entry 1: version must be a non-empty string, not \"\""_s;
    QTest::newRow("version a number") << R"([{"version": 1.5, "max_id": 6}])"_ba
                                      << u"%1: entry 1: version must be a non-empty string, not 1.5"_s;
    QTest::newRow("duplicate version")
        << R"([{"version": "1.0.0", "max_id": 6}, {"version": "1.1.0", "max_id": 8}, {"version": "1.0.0", "max_id": 9}])"_ba
        << u"%1: entry 3 (1.0.0): the version is also entry 1 (1.0.0)"_s;

    QTest::newRow("no max_id") << R"([{"version": "1.0.0"}])"_ba << u"%1: entry 1 (1.0.0): no \"max_id\""_s;
    const QString notPositive = u"%1: entry 1 (1.0.0): max_id must be a positive integer, not %2"_s;
    QTest::newRow("max_id a string") << R"([{"version": "1.0.0", "max_id": "6"}])"_ba
                                     << notPositive.arg(u"%1"_s, u"\"6\""_s);
    QTest::newRow("max_id zero") << R"([{"version": "1.0.0", "max_id": 0}])"_ba << notPositive.arg(u"%1"_s, u"0"_s);
    QTest::newRow("max_id negative") << R"([{"version": "1.0.0", "max_id": -3}])"_ba
                                     << notPositive.arg(u"%1"_s, u"-3"_s);
    QTest::newRow("max_id fractional") << R"([{"version": "1.0.0", "max_id": 6.5}])"_ba
                                       << notPositive.arg(u"%1"_s, u"6.5"_s);
    QTest::newRow("max_id null") << R"([{"version": "1.0.0", "max_id": null}])"_ba
                                 << notPositive.arg(u"%1"_s, u"null"_s);
    QTest::newRow("max_id true") << R"([{"version": "1.0.0", "max_id": true}])"_ba
                                 << notPositive.arg(u"%1"_s, u"true"_s);

    const QString notDate = u"%1: entry 1 (1.0.0): released must be a date as yyyy-MM-dd, not %2"_s;
    QTest::newRow("released without leading zeros")
        << R"([{"version": "1.0.0", "max_id": 6, "released": "2023-3-4"}])"_ba
        << notDate.arg(u"%1"_s, u"\"2023-3-4\""_s);
    QTest::newRow("released no such day") << R"([{"version": "1.0.0", "max_id": 6, "released": "2023-02-30"}])"_ba
                                          << notDate.arg(u"%1"_s, u"\"2023-02-30\""_s);
    QTest::newRow("released with a time")
        << R"([{"version": "1.0.0", "max_id": 6, "released": "2023-03-04T10:00:00"}])"_ba
        << notDate.arg(u"%1"_s, u"\"2023-03-04T10:00:00\""_s);
    QTest::newRow("released a number") << R"([{"version": "1.0.0", "max_id": 6, "released": 20230304}])"_ba
                                       << notDate.arg(u"%1"_s, u"20230304"_s);

    QTest::newRow("max_id descending")
        << R"([{"version": "1.0.0", "max_id": 6}, {"version": "1.1.0", "max_id": 10}, {"version": "1.2.0", "max_id": 9}])"_ba
        << u"%1: entry 3 (1.2.0): max_id 9 is below the 10 of entry 2 (1.1.0): builds are listed oldest first"_s;
    QTest::newRow("every problem, one line each")
        << R"([{"max_id": 0}, {"version": "1.1.0", "max_id": 10, "released": "soon"}, 7])"_ba
        << u"%1: entry 1: no \"version\"\n"
           "%1: entry 1: max_id must be a positive integer, not 0\n"
           "%1: entry 2 (1.1.0): released must be a date as yyyy-MM-dd, not \"soon\"\n"
           "%1: entry 3: not an object but 7"_s;
}

void TestBuildsFile::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    Fixture fixture;
    const auto builds = fixture.read(json);
    QVERIFY(!builds.ok());
    QCOMPARE(builds.error().code, Error::Code::Catalog);
    QCOMPARE(builds.error().message, message.arg(fixture.path()));
}

void TestBuildsFile::rejectsAnUnreadableFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"missing.json"_s);
    const auto builds = BuildsFile::read(path);
    QVERIFY(!builds.ok());
    QCOMPARE(builds.error().code, Error::Code::Catalog);
    QCOMPARE(builds.error().message, path + u": cannot read the builds file: No such file or directory"_s);
}

void TestBuildsFile::readsTheDemoBuilds()
{
    const auto builds = BuildsFile::read(QStringLiteral(BACKSTEP_SOURCE_DIR "/resources/demo/builds.json"));
    QVERIFY2(builds.ok(), qPrintable(builds.ok() ? QString() : builds.error().message));
    QCOMPARE(builds->size(), 10);
    QCOMPARE(builds.value(), Demo);
}

void TestBuildsFile::find_data()
{
    QTest::addColumn<QString>("versionOrId");
    QTest::addColumn<std::optional<Build>>("expected");

    QTest::newRow("a version") << u"1.4.0"_s << std::optional(Demo.at(4));
    QTest::newRow("surrounding spaces") << u" 2.1.0 "_s << std::optional(Demo.at(9));
    QTest::newRow("an id") << u"12"_s << std::optional(build(u"#12"_s, 12));
    QTest::newRow("an id with #") << u"#12"_s << std::optional(build(u"#12"_s, 12));
    QTest::newRow("an id with leading zeros") << u"0012"_s << std::optional(build(u"#12"_s, 12));
    QTest::newRow("an id past the last build") << u"99"_s << std::optional(build(u"#99"_s, 99));
    QTest::newRow("an unknown version") << u"3.0.0"_s << std::optional<Build>();
    QTest::newRow("id zero") << u"0"_s << std::optional<Build>();
    QTest::newRow("negative") << u"-4"_s << std::optional<Build>();
    QTest::newRow("empty") << QString() << std::optional<Build>();
    QTest::newRow("# alone") << u"#"_s << std::optional<Build>();
    QTest::newRow("too large") << u"99999999999999999999"_s << std::optional<Build>();
}

void TestBuildsFile::find()
{
    QFETCH(QString, versionOrId);
    QFETCH(std::optional<Build>, expected);

    QCOMPARE(BuildsFile::find(Demo, versionOrId), expected);
}

void TestBuildsFile::findPrefersAVersionOverAnId()
{
    const Builds builds { build(u"12"_s, 3) };
    QCOMPARE(BuildsFile::find(builds, u"12"_s), std::optional(builds.at(0)));
    QCOMPARE(BuildsFile::find(builds, u"#12"_s), std::optional(build(u"#12"_s, 12)));
}

QTEST_GUILESS_MAIN(TestBuildsFile)

#include "tst_buildsfile.moc"
