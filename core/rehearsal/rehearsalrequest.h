#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace backstep {

// What to rehearse: rolling the database back to one build. The GUI fills it from
// its dialog, the CLI from `simulate`'s options. Exactly one of buildVersion (looked
// up in the builds file) and upTo names the build.
struct RehearsalRequest
{
    QString database; // URI; a password in it never reaches the report
    QString migrations; // the catalog folder: the newest catalog, which knows the newer migrations
    QString builds; // builds.json; needed with buildVersion
    QString buildVersion; // a version from the builds file, or "#id" for a virtual build
    std::optional<qint64> upTo; // the build that knows the migrations up to this id
    QString ledgerTable = QStringLiteral("_migrations");
    // The PostgreSQL server to replay the build's catalog on (a scratch database is
    // created and dropped there); needed for PostgreSQL databases, ignored for SQLite.
    QString scratch;
    // Run the schema and read/write probes even when the gate refuses, so a person
    // sees everything that would break. Without it a refused build gets the down path.
    bool rehearseEvenIfRefused = false;
    bool strict = false; // drift blocks the boot, as `check --strict`
    // Analyse the newer migrations recorded compatible, so that a mislabelled one
    // blocks as in `check`; off trusts the recorded flags.
    bool analyse = true;
    // Where the SQLite copy is made; empty: the system's temporary folder.
    QString workDirectory;

    friend bool operator==(const RehearsalRequest& a, const RehearsalRequest& b)
    {
        return a.database == b.database && a.migrations == b.migrations && a.builds == b.builds
            && a.buildVersion == b.buildVersion && a.upTo == b.upTo && a.ledgerTable == b.ledgerTable
            && a.scratch == b.scratch && a.rehearseEvenIfRefused == b.rehearseEvenIfRefused && a.strict == b.strict
            && a.analyse == b.analyse && a.workDirectory == b.workDirectory;
    }
};

} // namespace backstep

Q_DECLARE_METATYPE(backstep::RehearsalRequest)
