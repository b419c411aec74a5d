#include <QTest>
class TestGate : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestGate)
#include "tst_gate.moc"
