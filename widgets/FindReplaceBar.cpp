#include "widgets/FindReplaceBar.h"

#include "widgets/CslEditor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace tessera {

FindReplaceBar::FindReplaceBar(QWidget* parent) : QWidget(parent) {
    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("findText"));
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace = new QLineEdit(this);
    m_replace->setObjectName(QStringLiteral("replaceText"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_caseSensitive = new QCheckBox(tr("Match case"), this);
    m_wholeWord = new QCheckBox(tr("Whole words"), this);
    m_regex = new QCheckBox(tr("Regular expression"), this);
    m_status = new QLabel(this);

    auto* previous = new QPushButton(tr("Previous"), this);
    auto* next = new QPushButton(tr("Next"), this);
    auto* replaceOne = new QPushButton(tr("Replace"), this);
    auto* replaceEvery = new QPushButton(tr("Replace All"), this);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);

    auto* findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_caseSensitive);
    findRow->addWidget(m_wholeWord);
    findRow->addWidget(m_regex);
    findRow->addWidget(m_status);
    findRow->addWidget(close);

    m_replaceRow = new QWidget(this);
    auto* replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(replaceOne);
    replaceRow->addWidget(replaceEvery);
    replaceRow->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->setSpacing(3);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    connect(m_find, &QLineEdit::returnPressed, this, &FindReplaceBar::findNext);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindReplaceBar::replaceCurrent);
    connect(next, &QPushButton::clicked, this, &FindReplaceBar::findNext);
    connect(previous, &QPushButton::clicked, this, &FindReplaceBar::findPrevious);
    connect(replaceOne, &QPushButton::clicked, this, &FindReplaceBar::replaceCurrent);
    connect(replaceEvery, &QPushButton::clicked, this, &FindReplaceBar::replaceAll);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
}

void FindReplaceBar::setEditor(CslEditor* editor) {
    m_editor = editor;
    m_status->clear();
}

QString FindReplaceBar::findText() const {
    return m_find->text();
}
void FindReplaceBar::setFindText(const QString& text) {
    m_find->setText(text);
}
void FindReplaceBar::setReplaceText(const QString& text) {
    m_replace->setText(text);
}
QString FindReplaceBar::statusText() const {
    return m_status->text();
}

void FindReplaceBar::setReplaceVisible(bool visible) {
    m_replaceRow->setVisible(visible);
}

void FindReplaceBar::showFind() {
    setReplaceVisible(false);
    if (m_editor && m_editor->hasSelectedText() && !m_editor->selectedText().contains('\n'))
        m_find->setText(m_editor->selectedText());
    show();
    m_find->setFocus();
    m_find->selectAll();
}

void FindReplaceBar::showReplace() {
    showFind();
    setReplaceVisible(true);
}

bool FindReplaceBar::findInDirection(bool forward) {
    if (!m_editor || m_find->text().isEmpty())
        return false;
    const CslEditor::SearchOptions options{m_caseSensitive->isChecked(), m_wholeWord->isChecked(),
                                           m_regex->isChecked()};
    const bool found = m_editor->find(m_find->text(), options, forward);
    m_status->setText(found ? QString() : tr("Not found"));
    return found;
}

bool FindReplaceBar::findNext() {
    return findInDirection(true);
}
bool FindReplaceBar::findPrevious() {
    return findInDirection(false);
}

bool FindReplaceBar::replaceCurrent() {
    if (!m_editor || m_find->text().isEmpty())
        return false;
    const CslEditor::SearchOptions options{m_caseSensitive->isChecked(), m_wholeWord->isChecked(),
                                           m_regex->isChecked()};
    const bool found = m_editor->replaceCurrent(m_find->text(), m_replace->text(), options);
    m_status->setText(found ? QString() : tr("Not found"));
    return found;
}

int FindReplaceBar::replaceAll() {
    if (!m_editor || m_find->text().isEmpty())
        return 0;
    const CslEditor::SearchOptions options{m_caseSensitive->isChecked(), m_wholeWord->isChecked(),
                                           m_regex->isChecked()};
    const int count = m_editor->replaceAll(m_find->text(), m_replace->text(), options);
    m_status->setText(tr("%n replacement(s)", nullptr, count));
    return count;
}

void FindReplaceBar::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (m_editor)
            m_editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace tessera
