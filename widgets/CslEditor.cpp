#include "widgets/CslEditor.h"

#include "widgets/CslLexer.h"

#include <Qsci/qsciapis.h>
#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexerpython.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QSaveFile>
#include <QToolTip>

#include <algorithm>

namespace tessera {

CslEditor::CslEditor(QWidget* parent) : QsciScintilla(parent) {
    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_cslLexer = new CslLexer(this);
    m_apis = new QsciAPIs(m_cslLexer);
    // Queued: QsciAPIs is still tidying up its worker when it emits the signal, so a
    // new preparation must not start from inside the emission.
    connect(m_apis, &QsciAPIs::apiPreparationFinished, this, &CslEditor::onApiPreparationFinished,
            Qt::QueuedConnection);

    setApiEntries({});

    setUtf8(true);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setAutoIndent(true);
    setBraceMatching(SloppyBraceMatch);
    setCaretLineVisible(true);
    setFolding(BoxedTreeFoldStyle);
    setAutoCompletionSource(AcsAll);
    setAutoCompletionThreshold(2);
    setAutoCompletionCaseSensitivity(true);
    setCallTipsStyle(CallTipsNoContext);
    setCallTipsVisible(0);
    // Size the horizontal scroll range to the longest line seen, not Scintilla's fixed
    // 2000 px, so short files show no scroll bar.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1);

    setLanguageForPath(QStringLiteral("untitled.csl"));
    viewport()->installEventFilter(this); // hover documentation and Ctrl+click
}

CslEditor::~CslEditor() {
    // QsciAPIs prepares on a worker thread that calls back into the lexer; destroying it
    // first (it joins the worker) keeps the worker from seeing a half-destroyed lexer,
    // which Qt's child order (lexer body first, then its children) would allow.
    delete m_apis;
}

void CslEditor::setLanguageForPath(const QString& path) {

    const QString suffix = QFileInfo(path).suffix().toLower();
    QsciLexer* lexer = nullptr;
    if (suffix == QLatin1String("csl")) {
        lexer = m_cslLexer;
    } else {
        if (m_stockLexer) {
            setLexer(nullptr);
            delete m_stockLexer;
            m_stockLexer = nullptr;
        }
        if (suffix == QLatin1String("py"))
            m_stockLexer = new QsciLexerPython(this);
        else if (suffix == QLatin1String("sh"))
            m_stockLexer = new QsciLexerBash(this);
        else if (suffix == QLatin1String("json"))
            m_stockLexer = new QsciLexerJSON(this);
        lexer = m_stockLexer;
    }
    setLexer(lexer);
    // QScintilla uses the lexer's word characters for completion only; Scintilla itself
    // needs them too so double-click and word navigation treat @get_color as one word.
    if (lexer == m_cslLexer)
        SendScintilla(SCI_SETWORDCHARS, 0UL, m_cslLexer->wordCharacters());
    applyAppearanceToLexer();
}

bool CslEditor::isCsl() const {
    return lexer() == m_cslLexer;
}

void CslEditor::setApiEntries(const QStringList& entries) {
    m_builtinSignatures.clear();
    for (const QString& entry : entries)
        if (entry.startsWith(QLatin1Char('@')))
            m_builtinSignatures.insert(entry.section(QLatin1Char('('), 0, 0), entry);
    m_pendingApiEntries = entries;
    m_apiEntriesPending = true;
    // QsciAPIs::prepare() does nothing while a preparation runs, and the running one
    // restores its own list when it finishes; so a new list waits for it.
    if (!m_preparingApis)
        startApiPreparation();
}

void CslEditor::startApiPreparation() {
    m_apiEntriesPending = false;
    m_apis->clear();
    for (const QString& word : CslLexer::keywords())
        m_apis->add(word);
    for (const QString& word : CslLexer::types())
        m_apis->add(word);
    for (const QString& entry : m_pendingApiEntries)
        m_apis->add(entry);
    m_preparingApis = true;
    m_apis->prepare();
}

void CslEditor::onApiPreparationFinished() {
    m_preparingApis = false;
    if (m_apiEntriesPending)
        startApiPreparation();
    else
        emit completionReady();
}

void CslEditor::setAppearance(const QFont& font, bool dark) {
    m_font = font;
    m_dark = dark;
    applyAppearanceToLexer();
}

void CslEditor::applyAppearanceToLexer() {
    m_cslLexer->setAppearance(m_font, m_dark);
    const QColor paper = m_cslLexer->defaultPaper(CslLexer::Default);
    const QColor ink = m_cslLexer->defaultColor(CslLexer::Default);
    if (QsciLexer* current = lexer(); current && current != m_cslLexer) {
        current->setFont(m_font, -1);
        current->setPaper(paper, -1);
        current->setDefaultPaper(paper);
        if (m_dark)
            current->setColor(ink, -1); // stock palettes are made for a light background
    }
    if (!lexer()) {
        setFont(m_font);
        setPaper(paper);
        setColor(ink);
    }
    // Margins after the lexer: setLexer() resets them.
    const QColor marginPaper = m_dark ? QColor(0x21, 0x25, 0x2b) : QColor(0xf0, 0xf0, 0xf0);
    const QColor marginInk = m_dark ? QColor(0x80, 0x88, 0x94) : QColor(0x80, 0x80, 0x80);
    setMarginsFont(m_font);
    setMarginsBackgroundColor(marginPaper);
    setMarginsForegroundColor(marginInk);
    setMarginLineNumbers(0, true);
    setMarginWidth(0, QFontMetrics(m_font).horizontalAdvance(QStringLiteral("00000")) + 6);
    setFoldMarginColors(marginPaper, marginPaper);
    setCaretForegroundColor(ink);
    setCaretLineBackgroundColor(m_dark ? QColor(0x2f, 0x34, 0x3e) : QColor(0xf5, 0xf7, 0xfa));
    setMatchedBraceBackgroundColor(m_dark ? QColor(0x3e, 0x44, 0x51) : QColor(0xd7, 0xe8, 0xff));
    setMatchedBraceForegroundColor(ink);
    setUnmatchedBraceForegroundColor(QColor(0xd0, 0x30, 0x30));
    setSelectionBackgroundColor(m_dark ? QColor(0x3e, 0x4f, 0x6b) : QColor(0xc7, 0xdb, 0xf5));
    // QScintilla paints selected text in the palette's HighlightedText (white), unreadable
    // on the light selection; the lexer's own colours read on both selection shades.
    resetSelectionForegroundColor();
}

void CslEditor::setBuiltinDocs(const QHash<QString, QString>& docs) {
    m_builtinDocs = docs;
}

void CslEditor::setSymbolResolver(CslSymbolResolver resolver) {
    m_resolver = std::move(resolver);
}

std::optional<CslSymbolInfo> CslEditor::symbolAt(int position) const {
    if (!isCsl() || position < 0)
        return std::nullopt;
    auto* self = const_cast<CslEditor*>(this); // SendScintilla is not const
    const long start = self->SendScintilla(SCI_WORDSTARTPOSITION, position, 1L);
    const long end = self->SendScintilla(SCI_WORDENDPOSITION, position, 1L);
    if (end <= start)
        return std::nullopt;
    QString word = self->text(int(start), int(end));
    if (word.isEmpty() || word.at(0).isDigit())
        return std::nullopt;
    if (word.startsWith(QLatin1Char('@'))) {
        const auto signature = m_builtinSignatures.constFind(word);
        const auto doc = m_builtinDocs.constFind(word);
        if (signature == m_builtinSignatures.constEnd() && doc == m_builtinDocs.constEnd())
            return std::nullopt;
        CslSymbolInfo info;
        info.name = word;
        info.kind = tr("builtin");
        info.signature = signature != m_builtinSignatures.constEnd() ? *signature : word;
        info.doc = doc != m_builtinDocs.constEnd() ? *doc : QString();
        return info;
    }
    if (!m_resolver)
        return std::nullopt;
    QString qualifier;
    if (start > 0 && self->SendScintilla(SCI_GETCHARAT, start - 1) == '.') {
        const long qualifierStart = self->SendScintilla(SCI_WORDSTARTPOSITION, start - 1, 1L);
        if (qualifierStart < start - 1)
            qualifier = self->text(int(qualifierStart), int(start - 1));
    }
    return m_resolver(qualifier, word, int(start));
}

QString CslEditor::hoverText(const CslSymbolInfo& info) {
    QString html = QStringLiteral("<p style='white-space:pre'><b>%1</b> &nbsp;<i>%2</i></p>")
                       .arg(info.signature.toHtmlEscaped(), info.kind.toHtmlEscaped());
    if (!info.doc.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(info.doc.toHtmlEscaped());
    if (!info.file.isEmpty())
        html += QStringLiteral("<p><small>%1:%2:%3</small></p>")
                    .arg(QDir::toNativeSeparators(info.file).toHtmlEscaped())
                    .arg(info.line)
                    .arg(info.column);
    return html;
}

bool CslEditor::goToDefinition(int position) {
    const std::optional<CslSymbolInfo> info = symbolAt(position);
    if (!info || info->file.isEmpty() || info->line <= 0)
        return false;
    emit definitionRequested(info->file, info->line, info->column);
    return true;
}

bool CslEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == viewport() && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const long position =
            SendScintilla(SCI_POSITIONFROMPOINTCLOSE, help->pos().x(), help->pos().y());
        if (const auto info = position >= 0 ? symbolAt(int(position)) : std::nullopt) {
            QToolTip::showText(help->globalPos(), hoverText(*info), this);
            return true;
        }
        QToolTip::hideText();
    } else if (watched == viewport() && event->type() == QEvent::MouseButtonRelease) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton && (mouse->modifiers() & Qt::ControlModifier)) {
            const long position = SendScintilla(SCI_POSITIONFROMPOINTCLOSE, mouse->position().x(),
                                                mouse->position().y());
            if (position >= 0 && goToDefinition(int(position)))
                return true;
        }
    }
    return QsciScintilla::eventFilter(watched, event);
}

void CslEditor::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_F2 && event->modifiers() == Qt::NoModifier) {
        goToDefinition(int(SendScintilla(SCI_GETCURRENTPOS)));
        event->accept();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

bool CslEditor::loadFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error =
                tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    setLanguageForPath(path);
    setText(QString::fromUtf8(bytes));
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    setModified(false);
    return true;
}

bool CslEditor::saveFile(const QString& path, QString* error) {
    QSaveFile file(path);
    // Unbuffered: Qt's buffer is flushed inside QSaveFile::commit(), which ignores a failed
    // flush and would replace the file with a truncated one when the disk is full.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        if (error)
            *error =
                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    const QByteArray bytes = text().toUtf8();
    // A full disk first shows as a short write, for which Qt reports no error: writing the
    // rest fails with errno (ENOSPC, EFBIG), which errorString() then names.
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 n = file.write(bytes.constData() + written, bytes.size() - written);
        if (n <= 0)
            break;
        written += n;
    }
    if (written != bytes.size() || !file.commit()) {
        if (error)
            *error =
                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    setModified(false);
    return true;
}

void CslEditor::goToLine(int line) {
    const int target = std::clamp(line, 1, std::max(1, lines())) - 1;
    setCursorPosition(target, 0);
    ensureLineVisible(target);
    SendScintilla(SCI_SCROLLCARET);
    const int visibleLines = int(SendScintilla(SCI_LINESONSCREEN));
    SendScintilla(SCI_SETFIRSTVISIBLELINE, std::max(0, target - visibleLines / 2));
    setFocus();
}

int CslEditor::searchFlags(const SearchOptions& options) const {
    int flags = 0;
    if (options.caseSensitive)
        flags |= SCFIND_MATCHCASE;
    if (options.wholeWord)
        flags |= SCFIND_WHOLEWORD;
    if (options.regularExpression)
        flags |= SCFIND_REGEXP | SCFIND_CXX11REGEX;
    return flags;
}

bool CslEditor::find(const QString& text, const SearchOptions& options, bool forward) {
    if (text.isEmpty())
        return false;
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    if (!forward && hasSelectedText()) {
        int lineFrom = 0, indexFrom = 0, lineTo = 0, indexTo = 0;
        getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        line = lineFrom;
        index = indexFrom;
    }
    return findFirst(text, options.regularExpression, options.caseSensitive, options.wholeWord,
                     /*wrap=*/true, forward, line, index, /*show=*/true, /*posix=*/false,
                     /*cxx11=*/options.regularExpression);
}

bool CslEditor::replaceCurrent(const QString& text, const QString& replacement,
                               const SearchOptions& options) {
    if (!hasSelectedText()) {
        return find(text, options, true);
    }
    replace(replacement);
    return find(text, options, true);
}

int CslEditor::replaceAll(const QString& text, const QString& replacement,
                          const SearchOptions& options) {
    if (text.isEmpty())
        return 0;
    // Scintilla's target search works on UTF-8 byte positions over the whole document,
    // so a replacement that contains the pattern cannot loop.
    const QByteArray pattern = text.toUtf8();
    const QByteArray with = replacement.toUtf8();
    SendScintilla(SCI_SETSEARCHFLAGS, searchFlags(options));
    int count = 0;
    long position = 0;
    beginUndoAction();
    while (true) {
        const long documentEnd = SendScintilla(SCI_GETTEXTLENGTH);
        SendScintilla(SCI_SETTARGETSTART, position);
        SendScintilla(SCI_SETTARGETEND, documentEnd);
        const long found = SendScintilla(SCI_SEARCHINTARGET, pattern.size(), pattern.constData());
        if (found < 0)
            break;
        const long matchEnd = SendScintilla(SCI_GETTARGETEND);
        const long replacedLength =
            SendScintilla(options.regularExpression ? SCI_REPLACETARGETRE : SCI_REPLACETARGET,
                          with.size(), with.constData());
        ++count;
        position = found + replacedLength;
        // An empty match (e.g. regex "^") must still advance.
        if (matchEnd == found)
            ++position;
        if (position > SendScintilla(SCI_GETTEXTLENGTH))
            break;
    }
    endUndoAction();
    return count;
}

} // namespace tessera
