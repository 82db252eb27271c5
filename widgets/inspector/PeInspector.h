#pragma once

#include "widgets/inspector/PeModels.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTableView;

namespace tessera {

class SramModel;
class TimelinePanel;

// The PE inspector: type "x,y" (fabric coordinates) or select a PE elsewhere, and see its
// state in a dump: tasks (bound, active, blocked, running, activations and self cycles),
// queues with their contents, the call stack, DSD operations in flight and DSD registers,
// SRAM as a windowed hex/typed view with symbols overlaid, the symbol table with typed
// values, <debug> traces and simprint output.
class PeInspector : public QWidget {
    Q_OBJECT
  public:
    explicit PeInspector(QWidget* parent = nullptr);

    // A new dump (or none): the selected PE stays selected when the dump has it.
    void setDump(DumpPtr dump);
    const DumpPtr& dump() const { return m_dump; }
    // Selects a PE by fabric coordinates; false (and an explanation shown) outside the
    // dump's rectangle.
    bool selectPe(QPoint fabricPe);
    std::optional<QPoint> selectedPe() const { return m_selected; } // fabric coordinates
    // Shows the SRAM tab at a symbol's first byte; false when the PE has no such symbol.
    bool showSymbolInMemory(const QString& symbol);

    PeTaskModel* taskModel() const { return m_tasks; }
    PeQueueModel* queueModel() const { return m_queues; }
    PeThreadModel* threadModel() const { return m_threads; }
    PeSymbolModel* symbolModel() const { return m_symbols; }
    PeTraceModel* traceModel() const { return m_traces; }
    SramModel* sramModel() const { return m_sram; }
    QTabWidget* tabs() const { return m_tabs; }
    // The Timeline tab: a traced run of the session's program for the selected PE.
    TimelinePanel* timeline() const { return m_timeline; }
    QTableView* memoryView() const { return m_memoryView; }
    QString summaryText() const;
    QString simprintText() const;
    // Why the selected PE cannot be shown (its part of the dump is corrupt): "core dump
    // FILE: PE(x,y): reason", shown in place of the tables; empty when it can.
    QString peErrorText() const;

  signals:
    void peSelected(QPoint fabricPe);
    // The source line of the selected PE's innermost frame (file as the program names it).
    void sourceLocated(const QString& file, int line);

  private:
    void coordinatesEntered();
    void refresh();
    void showPeError(const QString& message);
    QTableView* makeTable(QAbstractItemModel* model);

    DumpPtr m_dump;
    std::optional<QPoint> m_selected;
    QLineEdit* m_coordinates;
    QLabel* m_summary;
    QLabel* m_peError;
    QTabWidget* m_tabs;
    PeTaskModel* m_tasks;
    PeQueueModel* m_queues;
    PeThreadModel* m_threads;
    PeSymbolModel* m_symbols;
    PeTraceModel* m_traces;
    SramModel* m_sram;
    QTableView* m_memoryView = nullptr;
    QComboBox* m_format = nullptr;
    QLineEdit* m_address = nullptr;
    QLabel* m_traceError = nullptr;
    QPlainTextEdit* m_simprint = nullptr;
    TimelinePanel* m_timeline = nullptr;
};

} // namespace tessera
