#pragma once

#include "widgets/hostsession/HostSessionTypes.h"

#include <QVariantList>
#include <QWidget>

#include <optional>

class QBoxLayout;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace tessera {

class HostBlockModel;
class HostCopyForm;

// The interactive host session (docs/ide-run.md, "Interactive host session"): drives the
// SDK host API without a run.py. Load opens a session on the built artifact; H2D copies
// values from a .npy file, a CSV file or a typed expression; Launch calls an exported
// function with typed, validated arguments; D2H reads a block into a table that can be
// saved as .npy or CSV. The panel only describes requests (signals) and shows replies
// (slots); the app runs them on the appliance, never on the GUI thread.
class HostSessionPanel : public QWidget {
    Q_OBJECT
  public:
    // From this width, and when more than twice as wide as high, the forms sit beside the
    // table rather than above it.
    static constexpr int WideWidth = 900;

    explicit HostSessionPanel(QWidget* parent = nullptr);

    // The artifact a Load would open (empty: nothing built yet).
    void setArtifact(const QString& artifactDir);
    void setLoaded(const HostProgramInfo& info);
    void setUnloaded(const QString& message);
    bool isLoaded() const { return m_loaded; }
    // A call is on its way (what it is), or none (empty): the action buttons wait.
    void setBusy(const QString& what);
    void showResult(HostBlockPtr block);
    // One line in the panel's log; errors are marked.
    void report(const QString& text, bool error = false);

    HostCopyForm* h2dForm() const { return m_h2dForm; }
    HostCopyForm* d2hForm() const { return m_d2hForm; }
    HostBlockModel* resultModel() const { return m_model; }
    QTableView* resultView() const { return m_table; }
    QTabWidget* tabs() const { return m_tabs; }
    QString logText() const;

    // H2D's data source (the combo and the text field).
    void setH2dSource(HostCopyRequest::Source source, const QString& text);
    // Fills the launch form: the function and its argument texts.
    bool setLaunch(const QString& function, const QStringList& arguments);

    // The requests the forms describe; nullopt with the reason in *error.
    std::optional<HostCopyRequest> h2dRequest(QString* error) const;
    std::optional<HostCopyRequest> d2hRequest(QString* error) const;
    std::optional<QVariantList> launchArguments(QString* error) const;
    // One argument text as a value of `type` (double for floats, qlonglong for integers,
    // bool): nullopt with the reason (range, syntax) in *why.
    static std::optional<QVariant> parseArgument(const QString& text, const QString& type,
                                                 QString* why);

    // Writes the result block: .npy with shape (h, w, elements) and the element type's
    // dtype; CSV with one line per PE. False with the reason (naming the file) in *error.
    bool saveResultNpy(const QString& path, QString* error) const;
    bool saveResultCsv(const QString& path, QString* error) const;

    // The buttons (also for tests): load, unload, h2d, launch, d2h.
    QPushButton* button(const QString& name) const;

  signals:
    void loadRequested();
    void unloadRequested();
    void h2dRequested(const tessera::HostCopyRequest& request);
    void launchRequested(const QString& function, const QVariantList& arguments);
    void d2hRequested(const tessera::HostCopyRequest& request);

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    QWidget* createH2dTab();
    QWidget* createLaunchTab();
    QWidget* createD2hTab();
    QWidget* createResults();
    void functionChanged();
    void sourceChanged();
    void browseSource();
    void requestH2d();
    void requestLaunch();
    void requestD2h();
    void saveAs(bool npy);
    void updateButtons();

    HostProgramInfo m_info;
    QString m_artifact;
    bool m_loaded = false;
    QString m_busy;

    QBoxLayout* m_body; // the forms and the results, above each other or side by side
    QLabel* m_status;
    QPushButton* m_load;
    QPushButton* m_unload;
    QTabWidget* m_tabs;
    HostCopyForm* m_h2dForm;
    QComboBox* m_source;
    QLineEdit* m_sourceText;
    QPushButton* m_browse;
    QPushButton* m_h2d;
    QComboBox* m_function;
    QFormLayout* m_arguments;
    QList<QLineEdit*> m_argumentFields;
    QLabel* m_signature;
    QPushButton* m_launch;
    HostCopyForm* m_d2hForm;
    QPushButton* m_d2h;
    QLabel* m_resultLabel;
    QComboBox* m_rows;
    HostBlockModel* m_model;
    QTableView* m_table;
    QPushButton* m_saveNpy;
    QPushButton* m_saveCsv;
    QPlainTextEdit* m_log;
};

} // namespace tessera
