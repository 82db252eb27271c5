<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>tessera::AnalysisWorkbench</name>
    <message numerus="yes">
        <source>(%n earlier simprint line(s) left the simulator&apos;s window of the newest %1 before the console fetched them)</source>
        <translation>
            <numerusform>(%n earlier simprint line left the simulator&apos;s window of the newest %1 before the console fetched it)</numerusform>
            <numerusform>(%n earlier simprint lines left the simulator&apos;s window of the newest %1 before the console fetched them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::DumpComparePanel</name>
    <message numerus="yes">
        <source>%n PE(s) could not be compared (no value on the fabric); first: %1</source>
        <translation>
            <numerusform>%n PE could not be compared (no value on the fabric): %1</numerusform>
            <numerusform>%n PEs could not be compared (no value on the fabric); first: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::FabricLayerModel</name>
    <message numerus="yes">
        <source>%n PE(s) route color %1; arrows show rx and tx, a square marks switch positions</source>
        <translation>
            <numerusform>%n PE routes color %1; arrows show rx and tx, a square marks switch positions</numerusform>
            <numerusform>%n PEs route color %1; arrows show rx and tx, a square marks switch positions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::FindReplaceBar</name>
    <message numerus="yes">
        <source>%n replacement(s)</source>
        <translation>
            <numerusform>%n replacement</numerusform>
            <numerusform>%n replacements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::ReplayControls</name>
    <message numerus="yes">
        <source>Live · %n frame(s) recorded</source>
        <translation>
            <numerusform>Live · %n frame recorded</numerusform>
            <numerusform>Live · %n frames recorded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording %1 opened (%n frame(s)).</source>
        <translation>
            <numerusform>Recording %1 opened (%n frame).</numerusform>
            <numerusform>Recording %1 opened (%n frames).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::SimprintConsole</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::StallTable</name>
    <message numerus="yes">
        <source>%n wait(s) at cycle %1%2</source>
        <translation>
            <numerusform>%n wait at cycle %1%2</numerusform>
            <numerusform>%n waits at cycle %1%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::SymbolHeatMapPanel</name>
    <message numerus="yes">
        <source>%n PE(s) skipped as unreadable; first: %1</source>
        <translation>
            <numerusform>%n PE skipped as unreadable: %1</numerusform>
            <numerusform>%n PEs skipped as unreadable; first: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::TaskProfilePanel</name>
    <message numerus="yes">
        <source>%n PE(s) left out as unreadable; first: %1</source>
        <translation>
            <numerusform>%n PE left out as unreadable: %1</numerusform>
            <numerusform>%n PEs left out as unreadable; first: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::TimelineView</name>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… %n more</numerusform>
            <numerusform>… %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
