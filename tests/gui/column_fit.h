// Column widths in the GUI tests: a column that is narrower than its header or cells
// elides text the user needs (found by looking at the screenshots).
#pragma once

#include <QAbstractItemView>
#include <QHeaderView>
#include <QTableView>
#include <QTest>

#include <algorithm>

namespace columnfit {

// Columns 0 .. columns-1 of `view` are at least as wide as their header and cells need.
inline void verifyColumnsFit(QTableView* view, int columns) {
    QVERIFY(view);
    for (int c = 0; c < columns; ++c) {
        const int needed = std::max(static_cast<QAbstractItemView*>(view)->sizeHintForColumn(c),
                                    view->horizontalHeader()->sectionSizeHint(c));
        QVERIFY2(
            view->columnWidth(c) >= needed,
            qPrintable(
                QStringLiteral("column %1: %2 < %3").arg(c).arg(view->columnWidth(c)).arg(needed)));
    }
}

} // namespace columnfit
