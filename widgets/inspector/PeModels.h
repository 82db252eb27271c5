#pragma once

#include "backend/debug/dump_inspect.h"

#include <QAbstractTableModel>
#include <QPoint>

#include <memory>
#include <vector>

namespace tessera {

using DumpPtr = std::shared_ptr<const debug::DebugUtil>;

// "core dump FILE: PE(x,y): reason" for a read of one PE (rectangle coordinates; the message
// names fabric coordinates) that failed on a corrupt dump.
QString dumpPeError(const debug::DebugUtil& dump, QPoint rectanglePe, const std::exception& error);
// A compiled function's name as views show it: the compiler's internal name of the global
// initializers becomes words.
QString functionDisplayName(const std::string& function);

// Base of the per-PE tables: a dump and a PE (rectangle coordinates). setPe reloads the
// rows of that one PE from the dump (a few hundred bytes; never the whole grid).
class PeTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    using QAbstractTableModel::QAbstractTableModel;
    // A PE whose part of the dump is corrupt leaves the model empty (dump() null) with
    // loadError() naming the file, the PE and the reason.
    void setPe(DumpPtr dump, QPoint rectanglePe);
    const DumpPtr& dump() const { return m_dump; }
    QString loadError() const { return m_loadError; }
    QPoint pe() const { return m_pe; }
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  protected:
    virtual void reload() = 0; // fills the rows from m_dump at m_pe (m_dump may be null)
    virtual int rows() const = 0;
    virtual QStringList headers() const = 0;
    bool valid(const QModelIndex& index) const;

    DumpPtr m_dump;
    QPoint m_pe;
    QString m_loadError;
};

// Tasks of a PE: bound, activated, blocked, running, with the function names of the
// program and (dump version 2) activations and self cycles.
class PeTaskModel : public PeTableModel {
    Q_OBJECT
  public:
    enum Column {
        Id,
        Function,
        Kind,
        State,
        Activations,
        SelfCycles,
        MinCycles,
        MaxCycles,
        AvgCycles
    };
    using PeTableModel::PeTableModel;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    const std::vector<debug::TaskRow>& tasks() const { return m_rows; }
    static QString stateText(const debug::TaskRow& row);

  protected:
    void reload() override;
    int rows() const override { return int(m_rows.size()); }
    QStringList headers() const override;

  private:
    std::vector<debug::TaskRow> m_rows;
};

// Queues of a PE with wavelets in them: CE input queues (by color), output queues and
// router buffers, with their fill and (dump version 2) the payloads, front first.
class PeQueueModel : public PeTableModel {
    Q_OBJECT
  public:
    enum Column { Queue, Fill, Contents };
    using PeTableModel::PeTableModel;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    struct Row {
        QString name;
        int fill = 0;
        QStringList payloads;
    };
    const std::vector<Row>& queues() const { return m_rows; }

  protected:
    void reload() override;
    int rows() const override { return int(m_rows.size()); }
    QStringList headers() const override;

  private:
    std::vector<Row> m_rows;
};

// The main thread's call stack, DSD operations in flight (main thread and microthreads)
// and the DSD registers of the live frames.
class PeThreadModel : public PeTableModel {
    Q_OBJECT
  public:
    enum Column { Thread, What, Progress, Source };
    enum Role { FileRole = Qt::UserRole + 1, LineRole };
    using PeTableModel::PeTableModel;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    struct Row {
        QString thread, what, progress;
        QString file; // source file as the program names it; empty when unknown
        int line = 0;
    };
    const std::vector<Row>& entries() const { return m_rows; }

  protected:
    void reload() override;
    int rows() const override { return int(m_rows.size()); }
    QStringList headers() const override;

  private:
    std::vector<Row> m_rows;
};

// The symbol table of a PE's code class with typed values read from the dump.
class PeSymbolModel : public PeTableModel {
    Q_OBJECT
  public:
    enum Column { Name, Address, Type, Elements, Value };
    enum Role { AddressRole = Qt::UserRole + 1 };
    static constexpr int kPreviewElements = 8;
    using PeTableModel::PeTableModel;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    int rowOf(const QString& symbol) const;

  protected:
    void reload() override;
    int rows() const override { return int(m_rows.size()); }
    QStringList headers() const override;

  private:
    struct Row {
        const sim::Symbol* symbol;
        QString value;
    };
    std::vector<Row> m_rows;
};

// <debug> trace entries of every trace buffer of a PE.
class PeTraceModel : public PeTableModel {
    Q_OBJECT
  public:
    enum Column { Key, Index, Type, Value };
    using PeTableModel::PeTableModel;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // An undecodable buffer: the reason (empty when every buffer decoded).
    QString error() const { return m_error; }

  protected:
    void reload() override;
    int rows() const override { return int(m_rows.size()); }
    QStringList headers() const override;

  private:
    struct Row {
        QString key, type, value;
        int index;
    };
    std::vector<Row> m_rows;
    QString m_error;
};

} // namespace tessera
