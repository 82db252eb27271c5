#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace tessera {

class CslEditor;

// An inline find/replace bar shown under the editors; works on whichever editor is
// current (MainWindow calls setEditor when the tab changes).
class FindReplaceBar : public QWidget {
    Q_OBJECT
  public:
    explicit FindReplaceBar(QWidget* parent = nullptr);

    void setEditor(CslEditor* editor);
    void showFind();
    void showReplace();

    QString findText() const;
    void setFindText(const QString& text);
    void setReplaceText(const QString& text);
    QString statusText() const;

  public slots:
    bool findNext();
    bool findPrevious();
    bool replaceCurrent();
    int replaceAll();

  protected:
    void keyPressEvent(QKeyEvent* event) override;

  private:
    bool findInDirection(bool forward);
    void setReplaceVisible(bool visible);

    QPointer<CslEditor> m_editor;
    QLineEdit* m_find = nullptr;
    QLineEdit* m_replace = nullptr;
    QCheckBox* m_caseSensitive = nullptr;
    QCheckBox* m_wholeWord = nullptr;
    QCheckBox* m_regex = nullptr;
    QWidget* m_replaceRow = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace tessera
