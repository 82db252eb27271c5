#include "app/HostSessionActions.h"

#include "app/IdeWorkbench.h"
#include "app/MainWindow.h"
#include "app/SimController.h"
#include "backend/artifact/artifact.h"
#include "backend/client/client.h"
#include "widgets/hostsession/HostSessionPanel.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMenu>
#include <QMenuBar>

namespace tessera {

namespace {

QString errorText(const std::exception& e) {
    if (const auto* c = dynamic_cast<const client::ClientError*>(&e))
        return QString::fromStdString(c->details());
    return QString::fromUtf8(e.what());
}

client::MemcpyDataType dataType(const HostCopyRequest& r) {
    return r.bits16 ? client::MemcpyDataType::MEMCPY_16BIT : client::MemcpyDataType::MEMCPY_32BIT;
}

client::MemcpyOrder order(const HostCopyRequest& r) {
    return r.colMajor ? client::MemcpyOrder::COL_MAJOR : client::MemcpyOrder::ROW_MAJOR;
}

} // namespace

HostSessionActions::HostSessionActions(MainWindow* window, IdeWorkbench* workbench)
    : QObject(window), m_window(window), m_controller(workbench->controller()),
      m_panel(new HostSessionPanel(window)), m_dock(new QDockWidget(tr("Host Session"), window)),
      m_show(new QAction(tr("H&ost Session…"), this)) {
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_dock->setObjectName(QStringLiteral("hostSessionDock"));
    m_dock->setWidget(m_panel);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    if (auto* console = window->findChild<QDockWidget*>(QStringLiteral("consoleDock")))
        window->tabifyDockWidget(console, m_dock);
    m_dock->hide(); // until asked for (a saved window state may show it again)

    m_show->setObjectName(QStringLiteral("hostSessionAction"));
    m_show->setToolTip(tr("Drive the built program from the IDE: memcpy to and from the "
                          "device and launch functions, without a run.py"));
    connect(m_show, &QAction::triggered, this, [this] {
        m_dock->show();
        m_dock->raise();
        // The bottom area is sized for a log; the forms and the table need more.
        if (!m_dock->isFloating() && m_dock->height() < MinimumHeight)
            m_window->resizeDocks({m_dock}, {MinimumHeight}, Qt::Vertical);
        m_panel->setFocus();
    });
    if (QMenu* run = menuTitled(window->menuBar(), "tessera::IdeWorkbench", "&Run")) {
        run->addSeparator();
        run->addAction(m_show);
    }

    m_panel->setArtifact(m_controller->artifactDir());
    connect(m_controller, &SimController::buildFinished, this, [this](bool ok) {
        if (ok)
            m_panel->setArtifact(m_controller->artifactDir());
    });
    connect(m_panel, &HostSessionPanel::loadRequested, this, &HostSessionActions::load);
    connect(m_panel, &HostSessionPanel::unloadRequested, this, &HostSessionActions::unload);
    connect(m_panel, &HostSessionPanel::h2dRequested, this, &HostSessionActions::copyToDevice);
    connect(m_panel, &HostSessionPanel::launchRequested, this, &HostSessionActions::launch);
    connect(m_panel, &HostSessionPanel::d2hRequested, this, &HostSessionActions::copyFromDevice);
    // The workbench's destroyed() comes before its children (the controller and the
    // embedded appliance) go: the session closes while the appliance still answers.
    connect(workbench, &QObject::destroyed, this, &HostSessionActions::shutdown);
}

HostSessionActions::~HostSessionActions() {
    shutdown();
}

void HostSessionActions::shutdown() {
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_pool.start([this] { m_runtime.reset(); });
    m_pool.waitForDone();
}

HostProgramInfo HostSessionActions::programInfo(const QString& artifactDir) {
    const artifact::Artifact a = artifact::loadArtifact(artifactDir.toStdString());
    HostProgramInfo info;
    info.artifactDir = artifactDir;
    info.width = int(a.program->width);
    info.height = int(a.program->height);
    for (const artifact::RpcSymbol& s : a.rpcSymbols) {
        if (s.kind != "Var" && s.kind != "Func")
            continue;
        HostSymbolInfo symbol;
        symbol.id = s.id;
        symbol.name = QString::fromStdString(s.name);
        symbol.function = s.kind == "Func";
        symbol.type = QString::fromStdString(s.type);
        symbol.writable = !symbol.function && !s.immutable;
        for (const artifact::RpcInput& i : s.inputs)
            symbol.inputs.append({QString::fromStdString(i.name), QString::fromStdString(i.type)});
        info.symbols.append(symbol);
    }
    for (int8_t c : a.program->memcpy.h2dColors)
        if (c >= 0)
            info.h2dColors.append(c);
    for (int8_t c : a.program->memcpy.d2hColors)
        if (c >= 0)
            info.d2hColors.append(c);
    return info;
}

void HostSessionActions::post(const QString& operation, const QString& what,
                              std::function<std::function<void()>()> work) {
    if (m_shutDown)
        return;
    m_panel->setBusy(what);
    m_pool.start([this, operation, what, work = std::move(work)] {
        std::function<void()> then;
        QString error;
        try {
            then = work();
        } catch (const std::exception& e) {
            error = errorText(e);
        }
        QMetaObject::invokeMethod(
            this,
            [this, operation, what, then, error] {
                m_panel->setBusy({});
                if (then)
                    then();
                if (!error.isEmpty())
                    m_panel->report(tr("%1 failed: %2").arg(what, error), true);
                emit operationFinished(operation, error);
            },
            Qt::QueuedConnection);
    });
}

void HostSessionActions::load() {
    const QString dir = m_controller->artifactDir();
    if (dir.isEmpty()) {
        m_panel->report(tr("Build the project first."), true);
        return;
    }
    post(QStringLiteral("load"), tr("Load"), [this, dir]() -> std::function<void()> {
        const HostProgramInfo info = programInfo(dir);
        m_runtime.reset();
        auto runtime = std::make_shared<client::SdkRuntime>(dir.toStdString(),
                                                            m_controller->sharedConnection());
        runtime->load();
        runtime->run();
        m_runtime = runtime;
        const QString session = QString::fromStdString(runtime->sessionId());
        return [this, info, session] {
            m_panel->setLoaded(info);
            m_panel->report(tr("Loaded and running (session %1).").arg(session));
            // The fabric view and the run controls follow the panel's session.
            m_controller->attachToSession(session, tr("Host session"));
        };
    });
}

void HostSessionActions::unload() {
    post(QStringLiteral("unload"), tr("Unload"), [this]() -> std::function<void()> {
        QString error;
        if (m_runtime) {
            try {
                m_runtime->stop();
            } catch (const std::exception& e) {
                error = errorText(e); // the session closes all the same
            }
            m_runtime.reset();
        }
        return [this, error] {
            m_panel->setUnloaded(error.isEmpty()
                                     ? tr("Stopped; the session is closed.")
                                     : tr("The session is closed (stop: %1).").arg(error));
        };
    });
}

void HostSessionActions::copyToDevice(const HostCopyRequest& request) {
    const QString call = request.call(true);
    post(QStringLiteral("h2d"), call, [this, request, call]() -> std::function<void()> {
        if (!m_runtime)
            throw std::runtime_error(tr("no session is loaded").toStdString());
        const std::vector<uint32_t> words = h2dWords(request);
        const uint32_t dest = request.streaming ? uint32_t(request.color)
                                                : m_runtime->get_id(request.symbol.toStdString());
        const std::span<const uint32_t> src(words);
        QElapsedTimer clock;
        clock.start();
        // The broadcast and strided calls take no order: h2dWords gave them ROW_MAJOR words.
        switch (request.shape) {
        case hostdata::CopyShape::Box:
            m_runtime->memcpy_h2d(dest, src, request.x, request.y, request.w, request.h,
                                  request.elements, request.streaming, dataType(request),
                                  order(request), false);
            break;
        case hostdata::CopyShape::RowBroadcast:
            m_runtime->memcpy_h2d_rowbcast(dest, src, request.x, request.y, request.w, request.h,
                                           request.elements, dataType(request), false);
            break;
        case hostdata::CopyShape::ColBroadcast:
            m_runtime->memcpy_h2d_colbcast(dest, src, request.x, request.y, request.w, request.h,
                                           request.elements, dataType(request), false);
            break;
        case hostdata::CopyShape::Strided:
            m_runtime->memcpy_h2d_stride(dest, src, request.x, request.y, request.w, request.h,
                                         request.elements, request.rowStride, request.colStride,
                                         dataType(request), false);
            break;
        }
        const qint64 ms = clock.elapsed();
        return [this, request, call, ms, count = words.size()] {
            m_panel->report(
                tr("%1 %2: %3 values in %4 ms.").arg(call, request.describe()).arg(count).arg(ms));
        };
    });
}

void HostSessionActions::launch(const QString& function, const QVariantList& arguments) {
    std::vector<client::LaunchArg> args;
    QStringList shown;
    for (const QVariant& v : arguments) {
        if (v.typeId() == QMetaType::Bool)
            args.emplace_back(v.toBool());
        else if (v.typeId() == QMetaType::Double)
            args.emplace_back(v.toDouble());
        else
            args.emplace_back(int64_t(v.toLongLong()));
        shown << v.toString();
    }
    const QString call = QStringLiteral("%1(%2)").arg(function, shown.join(QStringLiteral(", ")));
    post(QStringLiteral("launch"), tr("launch %1").arg(call),
         [this, function, args, call]() -> std::function<void()> {
             if (!m_runtime)
                 throw std::runtime_error(tr("no session is loaded").toStdString());
             QElapsedTimer clock;
             clock.start();
             m_runtime->launch(function.toStdString(), args, false);
             const qint64 ms = clock.elapsed();
             return [this, call, ms] {
                 m_panel->report(tr("launch %1 finished in %2 ms.").arg(call).arg(ms));
             };
         });
}

void HostSessionActions::copyFromDevice(const HostCopyRequest& request) {
    post(QStringLiteral("d2h"), tr("memcpy_d2h"), [this, request]() -> std::function<void()> {
        if (!m_runtime)
            throw std::runtime_error(tr("no session is loaded").toStdString());
        std::vector<uint32_t> words(request.block().size());
        const uint32_t src = request.streaming ? uint32_t(request.color)
                                               : m_runtime->get_id(request.symbol.toStdString());
        QElapsedTimer clock;
        clock.start();
        m_runtime->memcpy_d2h(std::span<uint32_t>(words), src, request.x, request.y, request.w,
                              request.h, request.elements, request.streaming, dataType(request),
                              order(request), false);
        const qint64 ms = clock.elapsed();
        auto block = std::make_shared<HostBlock>();
        block->request = request;
        block->values = d2hValues(request, words);
        return [this, block = HostBlockPtr(std::move(block)), ms] {
            m_panel->showResult(block);
            m_panel->report(tr("memcpy_d2h %1: %2 values in %3 ms.")
                                .arg(block->request.describe())
                                .arg(block->values.size())
                                .arg(ms));
        };
    });
}

} // namespace tessera
