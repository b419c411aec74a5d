#include "rehearsaldialog.h"

#include "exportwriter.h"
#include "filedialogs.h"
#include "recentdatabases.h"
#include "rehearsaljob.h"
#include "rehearsalresulttree.h"
#include "report/rehearsalreportformat.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace backstep::ui {

namespace {

QString introFor(const RehearsalRequest& request, Dialect dialect)
{
    const QString build = request.buildVersion.isEmpty() ? QStringLiteral("#%1").arg(request.upTo.value_or(0))
                                                         : request.buildVersion;
    const QString how = dialect == Dialect::Sqlite
        ? RehearsalDialog::tr("Backstep replays the build's catalog on a scratch database, then probes a consistent "
                              "copy of the database file. The file itself is only read, and its checksum (XXH128) "
                              "is compared before and after.")
        : RehearsalDialog::tr("Backstep replays the build's catalog in a scratch database on the server below, then "
                              "runs every probe in one transaction that is always rolled back. The schema and row "
                              "counts are compared before and after. Inserts that are rolled back still use up "
                              "sequence values, as any aborted transaction does.");
    return RehearsalDialog::tr("<b>Rehearse rolling back to build %1</b><br>Will it boot, and will its reads and writes "
                               "work on this database? %2")
        .arg(build.toHtmlEscaped(), how.toHtmlEscaped());
}

} // namespace

RehearsalDialog::RehearsalDialog(const RehearsalRequest& request, Dialect dialect, QWidget* parent)
    : QDialog(parent)
    , m_request(request)
    , m_job(new RehearsalJob(this))
{
    setWindowTitle(tr("Rehearse rollback"));
    setSizeGripEnabled(true);
    createWidgets(dialect);
    m_intro->setText(introFor(request, dialect));
    resize(860, 620);

    connect(m_job, &RehearsalJob::progressChanged, this, &RehearsalDialog::showProgress);
    connect(m_job, &RehearsalJob::finished, this, &RehearsalDialog::showReport);
    connect(m_job, &RehearsalJob::failed, this, &RehearsalDialog::showFailure);
    connect(m_job, &RehearsalJob::canceled, this, &RehearsalDialog::showCanceled);
}

RehearsalDialog::~RehearsalDialog() = default;

QString RehearsalDialog::scratchSettingsKey()
{
    return QStringLiteral("rehearsal/scratchServer");
}

void RehearsalDialog::createWidgets(Dialect dialect)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::RichText);

    m_probeRefused = new QCheckBox(tr("Probe reads and writes even if the build would refuse to boot"), this);
    m_probeRefused->setChecked(true); // the GUI shows everything that would break by default
    m_probeRefused->setAccessibleName(tr("Probe a refused build too"));
    m_probeRefused->setToolTip(tr("Shows everything that would break, not only the migrations that stop the boot"));

    auto* options = new QFormLayout;
    options->addRow(m_probeRefused);
    if (dialect == Dialect::Postgres) {
        m_scratch = new QLineEdit(this);
        m_scratch->setAccessibleName(tr("Scratch server"));
        m_scratch->setPlaceholderText(QStringLiteral("postgres://user@host:5432/postgres"));
        m_scratch->setToolTip(tr("A PostgreSQL server where a scratch database may be created and dropped; "
                                 "never the production server. Stored without its password."));
        QString scratch = m_request.scratch;
        if (scratch.isEmpty())
            scratch = qEnvironmentVariable("BACKSTEP_SCRATCH_PG");
        if (scratch.isEmpty())
            scratch = QSettings().value(scratchSettingsKey()).toString();
        m_scratch->setText(scratch);
        options->addRow(tr("Scratch &server:"), m_scratch);
    }

    m_step = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Rehearsal progress"));
    m_step->hide();
    m_progress->hide();

    m_verdict = new QLabel(tr("Press Rehearse to start. Nothing is written to the database."), this);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setAccessibleName(tr("Verdict"));
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);

    m_tree = new RehearsalResultTree(this);
    m_selected = new QLabel(this);
    m_selected->setWordWrap(true);
    m_selected->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_selected->setAccessibleName(tr("Selected result"));
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_selected->setText(item ? item->text(0) + QStringLiteral(": ") + item->text(1) : QString());
    });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_run = m_buttons->addButton(tr("&Rehearse"), QDialogButtonBox::AcceptRole);
    m_run->setDefault(true);
    m_exportMarkdown = m_buttons->addButton(tr("Export &Markdown…"), QDialogButtonBox::ActionRole);
    m_exportJson = m_buttons->addButton(tr("Export &JSON…"), QDialogButtonBox::ActionRole);
    m_exportMarkdown->setEnabled(false);
    m_exportJson->setEnabled(false);
    connect(m_run, &QPushButton::clicked, this, &RehearsalDialog::start);
    connect(m_exportMarkdown, &QPushButton::clicked, this,
        [this] { askAndExport(tr("Markdown (*.md)"), QStringLiteral("md"), true); });
    connect(m_exportJson, &QPushButton::clicked, this,
        [this] { askAndExport(tr("JSON (*.json)"), QStringLiteral("json"), false); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RehearsalDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(options);
    layout->addWidget(m_step);
    layout->addWidget(m_progress);
    layout->addWidget(m_verdict);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_selected);
    layout->addWidget(m_buttons);
}

void RehearsalDialog::start()
{
    if (m_job->isRunning())
        return;
    RehearsalRequest request = m_request;
    request.rehearseEvenIfRefused = m_probeRefused->isChecked();
    if (m_scratch) {
        request.scratch = m_scratch->text().trimmed();
        QSettings().setValue(scratchSettingsKey(), RecentDatabases::withoutPassword(request.scratch));
    }
    m_report.reset();
    m_tree->clear();
    m_verdict->setStyleSheet(QString());
    m_verdict->setText(tr("Rehearsing…"));
    showProgress(tr("Starting"), 0, 0);
    setRunning(true);
    m_job->start(request);
}

QString RehearsalDialog::selectedLineText() const
{
    return m_selected->text();
}

bool RehearsalDialog::isRunning() const
{
    return m_job->isRunning();
}

QString RehearsalDialog::verdictText() const
{
    return m_verdict->text();
}

void RehearsalDialog::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_probeRefused->setEnabled(!running);
    if (m_scratch)
        m_scratch->setEnabled(!running);
    m_exportMarkdown->setEnabled(!running && m_report.has_value());
    m_exportJson->setEnabled(!running && m_report.has_value());
    // While it runs, the dialog's close button cancels.
    m_buttons->button(QDialogButtonBox::Close)->setText(running ? tr("&Cancel") : tr("&Close"));
    m_step->setVisible(running);
    m_progress->setVisible(running);
}

void RehearsalDialog::showProgress(const QString& step, int done, int total)
{
    m_step->setText(step);
    m_progress->setRange(0, total); // 0, 0: busy
    m_progress->setValue(done);
}

void RehearsalDialog::showReport(const RehearsalReport& report)
{
    m_report = report;
    m_verdict->setText(report.verdict());
    // A tone that reads on light and dark palettes alike.
    const bool good = report.buildWorks() && report.unchanged.unchanged();
    m_verdict->setStyleSheet(good ? QStringLiteral("color: #2e9d57;") : QStringLiteral("color: #d64545;"));
    m_tree->setReport(report);
    m_selected->clear();
    ended();
}

void RehearsalDialog::showFailure(const QString& message)
{
    m_verdict->setStyleSheet(QStringLiteral("color: #d64545;"));
    m_verdict->setText(tr("The rehearsal could not run: %1").arg(message));
    ended();
}

void RehearsalDialog::showCanceled()
{
    m_verdict->setStyleSheet(QString());
    m_verdict->setText(tr("Cancelled. The scratch database and the copy were discarded; the database was only read."));
    ended();
}

void RehearsalDialog::ended()
{
    setRunning(false);
    Q_EMIT rehearsalEnded();
    if (m_closeWhenEnded)
        QDialog::reject();
}

void RehearsalDialog::reject()
{
    // Closing while it runs cancels first and closes once the core has discarded
    // its workspace, so no copy or scratch database is left behind.
    if (m_job->isRunning()) {
        m_closeWhenEnded = true;
        m_step->setText(tr("Cancelling…"));
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

Result<void> RehearsalDialog::exportMarkdown(const QString& path) const
{
    if (!m_report)
        return makeError(Error::Code::Usage, tr("There is no rehearsal result to export yet."));
    return ExportWriter::writeText(path, RehearsalReportFormat::markdown(*m_report).toUtf8());
}

Result<void> RehearsalDialog::exportJson(const QString& path) const
{
    if (!m_report)
        return makeError(Error::Code::Usage, tr("There is no rehearsal result to export yet."));
    return ExportWriter::writeText(path, QJsonDocument(RehearsalReportFormat::json(*m_report)).toJson());
}

void RehearsalDialog::askAndExport(const QString& filter, const QString& suffix, bool markdown)
{
    QString path = FileDialogs::saveFileName(this, tr("Export rehearsal"), QString(), filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive))
        path += QLatin1Char('.') + suffix;
    const Result<void> written = markdown ? exportMarkdown(path) : exportJson(path);
    if (!written.ok())
        QMessageBox::warning(this, tr("Export rehearsal"), written.error().message);
}

} // namespace backstep::ui
