// The project settings dialog: colors and memcpy buffer widths as fields, kept as cslc
// flags so they round-trip through tessera.json and commands_wse2.sh-style scripts.
#include "app/CommandsScript.h"
#include "app/ProjectSettingsDialog.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

class TestProjectSettingsDialog : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    Project project(const QStringList& extraArgs) {
        QString error;
        auto p = Project::open(dir_.path(), &error);
        if (!p)
            qFatal("%s", qPrintable(error));
        CompileSettings c = p->compile();
        c.params = {{QStringLiteral("width"), QStringLiteral("4")}};
        c.extraArgs = extraArgs;
        p->setCompile(c);
        return *p;
    }
    template <typename T> static T* child(QDialog& d, const char* name) {
        auto* w = d.findChild<T*>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

  private slots:
    void fieldsShowTheFlags() {
        ProjectSettingsDialog d(
            project({QStringLiteral("--colors=in:1,out:2"), QStringLiteral("--width-west-buf"),
                     QStringLiteral("3"), QStringLiteral("--verbose"),
                     QStringLiteral("--width-east-buf=5")}));
        QCOMPARE(child<QLineEdit>(d, "colors")->text(), QStringLiteral("in:1,out:2"));
        QCOMPARE(child<QSpinBox>(d, "westBuffer")->value(), 3);
        QCOMPARE(child<QSpinBox>(d, "eastBuffer")->value(), 5);
        QCOMPARE(child<QLineEdit>(d, "extraArgs")->text(), QStringLiteral("--verbose"));
        QVERIFY(d.isValid());
        QCOMPARE(d.project().compile().extraArgs,
                 (QStringList{QStringLiteral("--colors=in:1,out:2"),
                              QStringLiteral("--width-west-buf=3"),
                              QStringLiteral("--width-east-buf=5"), QStringLiteral("--verbose")}));
    }

    void editedFieldsRoundTripThroughAScript() {
        ProjectSettingsDialog d(project({}));
        child<QLineEdit>(d, "colors")->setText(QStringLiteral("a:7, b:0"));
        child<QSpinBox>(d, "westBuffer")->setValue(2);
        child<QLineEdit>(d, "params")->setText(QStringLiteral("width:4,height:9"));
        QVERIFY2(d.isValid(), qPrintable(d.errorText()));
        QVERIFY2(d.commandPreview().contains(QStringLiteral("--colors=a:7,b:0 --width-west-buf=2")),
                 qPrintable(d.commandPreview()));
        const Project edited = d.project();
        QString error;
        const auto imported = importCommandsScript(exportCommandsScript(edited), &error);
        QVERIFY2(imported, qPrintable(error));
        QCOMPARE(imported->compile, edited.compile());
        // And the dialog opened on the imported settings shows the same fields.
        Project again = edited;
        again.setCompile(imported->compile);
        ProjectSettingsDialog d2(again);
        QCOMPARE(child<QLineEdit>(d2, "colors")->text(), QStringLiteral("a:7,b:0"));
        QCOMPARE(child<QSpinBox>(d2, "westBuffer")->value(), 2);
        QCOMPARE(child<QSpinBox>(d2, "eastBuffer")->value(), 0);
    }

    void badColorsAreRefusedByName_data() {
        QTest::addColumn<QString>("colors");
        QTest::addColumn<QString>("message");
        QTest::newRow("id") << "a:24"
                            << "Color \"a\": id 24 is outside 0 to 23.";
        QTest::newRow("shape") << "a=3"
                               << "Color \"a=3\" must look like name:id.";
        QTest::newRow("twice") << "a:1,a:2"
                               << "Color \"a\" is given twice.";
        QTest::newRow("negative") << "a:-1"
                                  << "Color \"a:-1\" must look like name:id.";
    }
    void badColorsAreRefusedByName() {
        QFETCH(QString, colors);
        QFETCH(QString, message);
        ProjectSettingsDialog d(project({}));
        child<QLineEdit>(d, "colors")->setText(colors);
        QVERIFY(!d.isValid());
        QCOMPARE(d.errorText(), message);
        auto* buttons = d.findChild<QDialogButtonBox*>();
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
        child<QLineEdit>(d, "colors")->setText(QStringLiteral("a:23"));
        QVERIFY(d.isValid());
    }
};

QTEST_MAIN(TestProjectSettingsDialog)
#include "tst_projectsettingsdialog.moc"
