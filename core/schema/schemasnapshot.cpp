#include "schemasnapshot.h"

#include <algorithm>

namespace backstep {

namespace {

template <typename T, typename KeyOf> void sortBy(QVector<T>& items, KeyOf keyOf)
{
    std::stable_sort(items.begin(), items.end(), [&keyOf](const T& a, const T& b) { return keyOf(a) < keyOf(b); });
}

// A sort key of several parts: '\x1f' sorts before any character names use.
QString joined(const QStringList& parts)
{
    return parts.join(QLatin1Char('\x1f'));
}

} // namespace

void SchemaSnapshot::sort()
{
    for (Table& table : tables) {
        sortBy(table.uniqueConstraints, [](const UniqueConstraint& c) {
            return joined({ c.name, joined(c.columns) });
        });
        sortBy(table.checkConstraints, [](const CheckConstraint& c) { return joined({ c.name, c.expression }); });
        sortBy(table.foreignKeys, [](const ForeignKey& k) {
            return joined({ k.name, joined(k.columns), k.referencedTable });
        });
    }
    sortBy(views, [](const View& v) { return v.name; });
    sortBy(triggers, [](const Trigger& t) { return joined({ t.table, t.name }); });
    sortBy(indexes, [](const Index& i) { return i.name; });
    sortBy(sequences, [](const Sequence& s) { return s.name; });
    sortBy(enumTypes, [](const EnumType& e) { return e.name; });
    sortBy(domains, [](const Domain& d) { return d.name; });
    sortBy(functions, [](const Function& f) { return joined({ f.name, f.arguments }); });
    schemas.sort();
    sortBy(extensions, [](const Extension& e) { return e.name; });
}

} // namespace backstep
