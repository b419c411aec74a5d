#pragma once

#include "common/result.h"

#include <QString>

namespace backstep {

// Creates the demo database: a SQLite file migrated release by release, as a
// household that upgraded Larder at each release would have it, so the ledger records
// which build applied each migration and when.
//
// The history is invented but looks real and never changes: each release's migrations
// are applied on its release date or up to six days later, in the evening on a weekday
// or during the day at a weekend, seconds apart, all drawn from a fixed seed. Only
// duration_ms is measured, so it varies between runs.
//
// Runs synchronously on the calling thread with a connection of its own, so a worker
// thread may call it.
class DemoDatabase
{
public:
    static QString fileName()
    {
        return QStringLiteral("larder-demo.db");
    }

    // Writes outputFolder/larder-demo.db (creating the folder) from the catalog folder
    // and the builds file, whose builds must all carry a release date. Returns the
    // file's path. Fails, writing nothing, when the file exists already; a run that
    // fails half way removes what it wrote.
    static Result<QString> create(const QString& catalogFolder, const QString& buildsFile, const QString& outputFolder);

    // The demo as files on disk.
    struct Files
    {
        QString catalogFolder;
        QString buildsFile;
        QString database; // the SQLite file; empty until created
    };
    // Copies the demo bundled in the executable (resources/demo.qrc) to
    // outputFolder/migrations and outputFolder/builds.json, so that it is read like
    // any catalog, from any working directory and from an installed binary.
    static Result<Files> extractBundled(const QString& outputFolder);
    // extractBundled, then create: the whole demo in outputFolder.
    static Result<Files> createBundled(const QString& outputFolder);
};

} // namespace backstep
