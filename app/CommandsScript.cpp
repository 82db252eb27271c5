#include "app/CommandsScript.h"

#include "backend/artifact/cslc_args.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace tessera {

namespace {

QString trText(const char* text) {
    return QCoreApplication::translate("tessera::CommandsScript", text);
}

bool takeValue(const QStringList& words, int& i, const QString& flag, QString* value) {
    const QString& w = words.at(i);
    if (w.startsWith(flag + QLatin1Char('='))) {
        *value = w.mid(flag.size() + 1);
        return true;
    }
    if (w == flag && i + 1 < words.size()) {
        *value = words.at(++i);
        return true;
    }
    return false;
}

bool parsePair(const QString& text, int* a, int* b) {
    const QStringList parts = text.split(QLatin1Char(','));
    bool okA = false, okB = false;
    if (parts.size() == 2) {
        *a = parts[0].trimmed().toInt(&okA);
        *b = parts[1].trimmed().toInt(&okB);
    }
    return okA && okB;
}

// The script and the arguments of a `cs_python SCRIPT ARGS...` line, without the --name
// and --cmaddr that the IDE supplies itself. A line that does not split (an unbalanced
// quote) keeps only its text.
void takeHostCommand(const QString& line, CommandsScript* result) {
    result->hostCommand = line;
    std::vector<std::string> words;
    try {
        words = artifact::splitArgs(line.toStdString());
    } catch (const std::exception&) {
        return;
    }
    QStringList args;
    for (size_t i = 1; i < words.size(); ++i) {
        const QString word = QString::fromStdString(words[i]);
        if (word == QLatin1String("--name") || word == QLatin1String("--cmaddr")) {
            ++i; // and its value
            continue;
        }
        if (word.startsWith(QLatin1String("--name=")) ||
            word.startsWith(QLatin1String("--cmaddr=")))
            continue;
        if (result->hostScript.isEmpty() && !word.startsWith(QLatin1Char('-')))
            result->hostScript = word.startsWith(QLatin1String("./")) ? word.mid(2) : word;
        else
            args << word;
    }
    result->hostArgs = args;
}

} // namespace

std::optional<CommandsScript> findCommandsScript(const QDir& dir, QString* problem) {
    for (const char* name : {"commands_wse2.sh", "commands_wse3.sh", "commands.sh"}) {
        QFile file(dir.filePath(QLatin1String(name)));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QString error;
        if (auto script = importCommandsScript(QString::fromUtf8(file.readAll()), &error)) {
            problem->clear();
            return script;
        }
        if (problem->isEmpty())
            *problem = QStringLiteral("%1: %2").arg(QLatin1String(name), error);
    }
    return std::nullopt;
}

std::optional<CommandsScript> importCommandsScript(const QString& script, QString* error) {
    // Join continuation lines, remembering where each logical line starts.
    const QStringList physical = script.split(QLatin1Char('\n'));
    QStringList logical;
    QList<int> lineNumbers;
    QString current;
    int start = 0;
    for (int i = 0; i < physical.size(); ++i) {
        QString line = physical.at(i);
        if (current.isEmpty())
            start = i + 1;
        if (line.endsWith(QLatin1Char('\\'))) {
            current += line.chopped(1) + QLatin1Char(' ');
            continue;
        }
        current += line;
        logical << current;
        lineNumbers << start;
        current.clear();
    }
    CommandsScript result;
    bool found = false;
    static const QRegularExpression command(QStringLiteral(R"(^\s*(\S*/)?(cslc|cs_python)\s)"));
    for (int n = 0; n < logical.size(); ++n) {
        const QString line = logical.at(n).trimmed();
        const auto m = command.match(line + QLatin1Char(' '));
        if (!m.hasMatch() || line.startsWith(QLatin1Char('#')))
            continue;
        if (m.captured(2) == QLatin1String("cs_python")) {
            if (result.hostCommand.isEmpty())
                takeHostCommand(line.mid(m.capturedStart(2)), &result);
            continue;
        }
        if (found)
            continue;
        std::vector<std::string> args;
        try {
            args = artifact::splitArgs(line.mid(m.capturedEnd(2)).toStdString());
            artifact::parseCslcArgs(args);
        } catch (const std::exception& e) {
            if (error)
                *error =
                    trText("line %1: %2").arg(lineNumbers.at(n)).arg(QString::fromUtf8(e.what()));
            return std::nullopt;
        }
        QStringList words;
        for (const std::string& a : args)
            words << QString::fromStdString(a);
        CompileSettings c;
        c.memcpy = false;
        c.params.clear();
        for (int i = 0; i < words.size(); ++i) {
            const QString& w = words.at(i);
            QString value;
            if (!w.startsWith(QLatin1Char('-')) && w.endsWith(QLatin1String(".csl"))) {
                result.layoutFile = w.startsWith(QLatin1String("./")) ? w.mid(2) : w;
            } else if (takeValue(words, i, QStringLiteral("--arch"), &value)) {
                c.arch = value;
            } else if (takeValue(words, i, QStringLiteral("--fabric-dims"), &value)) {
                if (!parsePair(value, &c.fabricWidth, &c.fabricHeight)) {
                    if (error)
                        *error = trText("line %1: --fabric-dims needs W,H, not '%2'")
                                     .arg(lineNumbers.at(n))
                                     .arg(value);
                    return std::nullopt;
                }
            } else if (takeValue(words, i, QStringLiteral("--fabric-offsets"), &value)) {
                if (!parsePair(value, &c.fabricOffsetX, &c.fabricOffsetY)) {
                    if (error)
                        *error = trText("line %1: --fabric-offsets needs X,Y, not '%2'")
                                     .arg(lineNumbers.at(n))
                                     .arg(value);
                    return std::nullopt;
                }
            } else if (takeValue(words, i, QStringLiteral("--params"), &value)) {
                for (const QString& p : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                    const int colon = p.indexOf(QLatin1Char(':'));
                    c.params.append({p.left(colon), colon < 0 ? QString() : p.mid(colon + 1)});
                }
            } else if (w == QLatin1String("--memcpy")) {
                c.memcpy = true;
            } else if (takeValue(words, i, QStringLiteral("--channels"), &value)) {
                c.channels = value.toInt();
            } else if (takeValue(words, i, QStringLiteral("-o"), &value)) {
                c.outputDir = value;
            } else if (w.startsWith(QLatin1String("-o")) && !w.startsWith(QLatin1String("--"))) {
                c.outputDir = w.mid(2);
            } else {
                c.extraArgs << w; // --colors, buffers, import paths, ... as written
            }
        }
        std::sort(c.params.begin(), c.params.end());
        result.compile = c;
        found = true;
    }
    if (!found) {
        if (error)
            *error = trText("no cslc command in the script");
        return std::nullopt;
    }
    if (result.layoutFile.isEmpty()) {
        if (error)
            *error = trText("the cslc command names no layout file (.csl)");
        return std::nullopt;
    }
    return result;
}

QString exportCommandsScript(const Project& project) {
    QStringList words{QStringLiteral("cslc")};
    for (const QString& a : project.cslcArguments()) {
        static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_./:=,+@%-]+$)"));
        QString q = a;
        if (!plain.match(a).hasMatch())
            q = QLatin1Char('\'') + q.replace(QLatin1Char('\''), QLatin1String("'\\''")) +
                QLatin1Char('\'');
        words << q;
    }
    return QStringLiteral("#!/usr/bin/env bash\n"
                          "# Written by Tessera: compile as cslc, then run the host program.\n"
                          "set -e\n\n%1\ncs_python run.py --name %2\n")
        .arg(words.join(QLatin1Char(' ')), project.compile().outputDir);
}

} // namespace tessera
