<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AutosaveStore</name>
    <message>
        <source>Cannot autosave %1 to %2: %3</source>
        <translation>%1 kann nicht automatisch in %2 gesichert werden: %3</translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>%1: &quot;%2&quot; must be %3.</source>
        <translation>%1: „%2“ muss %3 sein.</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>an array of two non-negative integers, e.g. [8, 3]</source>
        <translation>ein Array aus zwei nichtnegativen ganzen Zahlen, z. B. [8, 3]</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array aus Zeichenketten</translation>
    </message>
    <message>
        <source>%1:%2:%3: not valid JSON: %4</source>
        <translation>%1:%2:%3: kein gültiges JSON: %4</translation>
    </message>
    <message>
        <source>%1: the project file must hold a JSON object.</source>
        <translation>%1: Die Projektdatei muss ein JSON-Objekt enthalten.</translation>
    </message>
    <message>
        <source>%1: &quot;version&quot; must be a positive integer.</source>
        <translation>%1: „version“ muss eine positive ganze Zahl sein.</translation>
    </message>
    <message>
        <source>%1: project format version %2 is newer than this Tessera understands (%3).</source>
        <translation>%1: Projektformat-Version %2 ist neuer als die, die dieses Tessera versteht (%3).</translation>
    </message>
    <message>
        <source>%1: &quot;layout&quot; must be a path inside the project folder, not &quot;%2&quot;.</source>
        <translation>%1: „layout“ muss ein Pfad innerhalb des Projektordners sein, nicht „%2“.</translation>
    </message>
    <message>
        <source>%1: &quot;compile&quot; must be an object.</source>
        <translation>%1: „compile“ muss ein Objekt sein.</translation>
    </message>
    <message>
        <source>%1: &quot;compile.arch&quot; must be &quot;wse2&quot; or &quot;wse3&quot;, not &quot;%2&quot;.</source>
        <translation>%1: „compile.arch“ muss „wse2“ oder „wse3“ sein, nicht „%2“.</translation>
    </message>
    <message>
        <source>%1: &quot;compile.memcpy&quot; must be true or false.</source>
        <translation>%1: „compile.memcpy“ muss true oder false sein.</translation>
    </message>
    <message>
        <source>%1: &quot;compile.channels&quot; must be an integer from 1 to 16.</source>
        <translation>%1: „compile.channels“ muss eine ganze Zahl von 1 bis 16 sein.</translation>
    </message>
    <message>
        <source>%1: &quot;compile.params&quot; must be an object of name: value.</source>
        <translation>%1: „compile.params“ muss ein Objekt aus Name: Wert sein.</translation>
    </message>
    <message>
        <source>%1: &quot;compile.params.%2&quot; must be a number or a string.</source>
        <translation>%1: „compile.params.%2“ muss eine Zahl oder eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>An IDE for Cerebras SDK (CSL) programs.</source>
        <translation>Eine IDE für Programme des Cerebras SDK (CSL).</translation>
    </message>
    <message>
        <source>A project folder, its tessera.json, or a file to open.</source>
        <translation>Ein Projektordner, seine tessera.json oder eine zu öffnende Datei.</translation>
    </message>
    <message>
        <source>Render the window to a PNG file and exit.</source>
        <translation>Das Fenster als PNG-Datei speichern und beenden.</translation>
    </message>
    <message>
        <source>Window size for --screenshot.</source>
        <translation>Fenstergröße für --screenshot.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>tessera</name>
    <message>
        <source>Instructions executed</source>
        <translation>Ausgeführte Befehle</translation>
    </message>
    <message>
        <source>Wavelets routed</source>
        <translation>Weitergeleitete Wavelets</translation>
    </message>
    <message>
        <source>Stall cycles</source>
        <translation>Wartezyklen</translation>
    </message>
    <message>
        <source>SRAM used (bytes)</source>
        <translation>Belegter SRAM (Bytes)</translation>
    </message>
    <message>
        <source>Unknown metric</source>
        <translation>Unbekannte Messgröße</translation>
    </message>
    <message>
        <source>H2D</source>
        <translation>H2D</translation>
    </message>
    <message>
        <source>D2H</source>
        <translation>D2H</translation>
    </message>
</context>
<context>
    <name>tessera::CompileLog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>cslc command line of the last build</source>
        <translation>cslc-Befehlszeile des letzten Builds</translation>
    </message>
    <message>
        <source>The equivalent cslc command, run from the project folder</source>
        <translation>Der entsprechende cslc-Befehl, im Projektordner ausgeführt</translation>
    </message>
    <message>
        <source>Compiling…</source>
        <translation>Kompiliere…</translation>
    </message>
</context>
<context>
    <name>tessera::CslEditor</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>tessera::CslLexer</name>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlüsselwort</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Builtin</source>
        <translation>Builtin</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>String</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>Multiline string</source>
        <translation>Mehrzeilige Zeichenkette</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
</context>
<context>
    <name>tessera::DiagnosticsModel</name>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>tessera::EditorPane</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Keep Editor Version</source>
        <translation>Editor-Version behalten</translation>
    </message>
    <message>
        <source>%1 has no file name yet; use Save As.</source>
        <translation>%1 hat noch keinen Dateinamen; verwenden Sie „Speichern unter“.</translation>
    </message>
    <message>
        <source>%1 was deleted or renamed by another program. Save to write it again.</source>
        <translation>%1 wurde von einem anderen Programm gelöscht oder umbenannt. Speichern Sie, um die Datei neu zu schreiben.</translation>
    </message>
    <message>
        <source>%1 was changed on disk by another program.</source>
        <translation>%1 wurde auf der Festplatte von einem anderen Programm geändert.</translation>
    </message>
    <message>
        <source>Reloading discards your unsaved changes.</source>
        <translation>Neu laden verwirft Ihre ungespeicherten Änderungen.</translation>
    </message>
</context>
<context>
    <name>tessera::FabricLayerModel</name>
    <message>
        <source>Code classes</source>
        <translation>Codeklassen</translation>
    </message>
    <message>
        <source>A colour per tile file and param values</source>
        <translation>Eine Farbe je Kacheldatei und Parameterwerten</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Program rectangle and memcpy</source>
        <translation>Programmrechteck und memcpy</translation>
    </message>
    <message>
        <source>The program rectangle, its one-PE halo and the memcpy columns</source>
        <translation>Das Programmrechteck, sein Rand aus einem PE und die memcpy-Spalten</translation>
    </message>
    <message>
        <source>Program rectangle</source>
        <translation>Programmrechteck</translation>
    </message>
    <message>
        <source>Halo</source>
        <translation>Rand</translation>
    </message>
    <message>
        <source>Memcpy columns</source>
        <translation>Memcpy-Spalten</translation>
    </message>
    <message>
        <source>Routes: color %1</source>
        <translation>Routen: Farbe %1</translation>
    </message>
    <message>
        <source>Memcpy regions</source>
        <translation>Memcpy-Bereiche</translation>
    </message>
    <message>
        <source>Regions of interest of recent (solid) and pending (dashed) transfers</source>
        <translation>Zielbereiche der letzten (durchgezogen) und anstehenden (gestrichelt) Übertragungen</translation>
    </message>
    <message>
        <source>H2D: host to device</source>
        <translation>H2D: Host zum Gerät</translation>
    </message>
    <message>
        <source>D2H: device to host</source>
        <translation>D2H: Gerät zum Host</translation>
    </message>
    <message>
        <source>Heat: %1</source>
        <translation>Wärmekarte: %1</translation>
    </message>
    <message>
        <source>Per-PE %1 sampled from the simulator</source>
        <translation>%1 je PE, vom Simulator erfasst</translation>
    </message>
    <message>
        <source>Breakpoints</source>
        <translation>Haltepunkte</translation>
    </message>
    <message>
        <source>PEs with a breakpoint</source>
        <translation>PEs mit einem Haltepunkt</translation>
    </message>
    <message>
        <source>Breakpoint</source>
        <translation>Haltepunkt</translation>
    </message>
    <message>
        <source>Waiting PEs</source>
        <translation>Wartende PEs</translation>
    </message>
    <message>
        <source>PEs the hang report names as waiting</source>
        <translation>PEs, die der Hängebericht als wartend nennt</translation>
    </message>
    <message>
        <source>Waiting (hang report)</source>
        <translation>Wartend (Hängebericht)</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) route color %1; arrows show rx and tx, a square marks switch positions</source>
        <translation>
            <numerusform>%n PE leitet Farbe %1; Pfeile zeigen rx und tx, ein Quadrat markiert Switch-Positionen</numerusform>
            <numerusform>%n PEs leiten Farbe %1; Pfeile zeigen rx und tx, ein Quadrat markiert Switch-Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source>color %1: rx/tx arrows</source>
        <translation>Farbe %1: rx/tx-Pfeile</translation>
    </message>
</context>
<context>
    <name>tessera::FabricLayerPanel</name>
    <message>
        <source>Jump to PE: x, y</source>
        <translation>Zu PE springen: x, y</translation>
    </message>
    <message>
        <source>Fabric coordinates of the PE to centre and select, e.g. 12, 5</source>
        <translation>Fabric-Koordinaten des PE, das zentriert und ausgewählt wird, z. B. 12, 5</translation>
    </message>
    <message>
        <source>Layers: check to show</source>
        <translation>Ebenen: zum Anzeigen ankreuzen</translation>
    </message>
</context>
<context>
    <name>tessera::FabricRenderer</name>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>E</source>
        <translation>O</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>RAMP</source>
        <translation>RAMP</translation>
    </message>
    <message>
        <source>stream on color %1</source>
        <translation>Stream auf Farbe %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>anstehend</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>%1 %2 %3 · %4×%5 PEs × %6 = %7 elements, %8</source>
        <translation>%1 %2 %3 · %4×%5 PEs × %6 = %7 Elemente, %8</translation>
    </message>
    <message>
        <source>PE (%1, %2)</source>
        <translation>PE (%1, %2)</translation>
    </message>
    <message>
        <source>rectangle (%1, %2)</source>
        <translation>Rechteck (%1, %2)</translation>
    </message>
    <message>
        <source>class %1: %2</source>
        <translation>Klasse %1: %2</translation>
    </message>
    <message>
        <source>class %1: %2 (%3)</source>
        <translation>Klasse %1: %2 (%3)</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>kein Code</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>memcpy column</source>
        <translation>memcpy-Spalte</translation>
    </message>
    <message>
        <source>halo</source>
        <translation>Rand</translation>
    </message>
    <message>
        <source>outside the program rectangle</source>
        <translation>außerhalb des Programmrechtecks</translation>
    </message>
    <message>
        <source>color %1 rx %2 tx %3</source>
        <translation>Farbe %1 rx %2 tx %3</translation>
    </message>
    <message>
        <source>color %1</source>
        <translation>Farbe %1</translation>
    </message>
    <message>
        <source>breakpoint: %1</source>
        <translation>Haltepunkt: %1</translation>
    </message>
    <message>
        <source>waiting: %1</source>
        <translation>wartet: %1</translation>
    </message>
</context>
<context>
    <name>tessera::FabricSnapshot</name>
    <message>
        <source>fabric size %1x%2 is empty</source>
        <translation>Fabric-Größe %1x%2 ist leer</translation>
    </message>
    <message>
        <source>program rectangle %1x%2 at %3 lies outside the %4x%5 fabric</source>
        <translation>Programmrechteck %1x%2 bei %3 liegt außerhalb des %4x%5-Fabric</translation>
    </message>
    <message>
        <source>codeClass has %1 entries, the rectangle has %2 PEs</source>
        <translation>codeClass hat %1 Einträge, das Rechteck hat %2 PEs</translation>
    </message>
    <message>
        <source>PE %1 has code class %2, but there are %3 classes</source>
        <translation>PE %1 hat Codeklasse %2, es gibt aber nur %3 Klassen</translation>
    </message>
    <message>
        <source>route color %1 is outside 0..%2</source>
        <translation>Routenfarbe %1 liegt außerhalb von 0..%2</translation>
    </message>
    <message>
        <source>route of color %1 at PE %2 lies outside the fabric</source>
        <translation>Route der Farbe %1 bei PE %2 liegt außerhalb des Fabric</translation>
    </message>
    <message>
        <source>route of color %1 at PE %2 has an unknown direction bit</source>
        <translation>Route der Farbe %1 bei PE %2 hat ein unbekanntes Richtungsbit</translation>
    </message>
    <message>
        <source>memcpy region %1x%2 at %3 lies outside the %4x%5 program rectangle</source>
        <translation>memcpy-Bereich %1x%2 bei %3 liegt außerhalb des %4x%5-Programmrechtecks</translation>
    </message>
    <message>
        <source>heat map &quot;%1&quot; has %2 values, the rectangle has %3 PEs</source>
        <translation>Wärmekarte „%1“ hat %2 Werte, das Rechteck hat %3 PEs</translation>
    </message>
    <message>
        <source>heat map metric %1 is unknown</source>
        <translation>Messgröße %1 der Wärmekarte ist unbekannt</translation>
    </message>
    <message>
        <source>waiting PE %1 lies outside the fabric</source>
        <translation>wartendes PE %1 liegt außerhalb des Fabric</translation>
    </message>
    <message>
        <source>breakpoint at PE %1 lies outside the fabric</source>
        <translation>Haltepunkt bei PE %1 liegt außerhalb des Fabric</translation>
    </message>
</context>
<context>
    <name>tessera::FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>Ganze Wörter</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s)</source>
        <translation>
            <numerusform>%n Ersetzung</numerusform>
            <numerusform>%n Ersetzungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::IdeWorkbench</name>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Compile Output</source>
        <translation>Compiler-Ausgabe</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Fabric</source>
        <translation>Fabric</translation>
    </message>
    <message>
        <source>Fabric Layers</source>
        <translation>Fabric-Ebenen</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>The program hangs: waiting PEs: %1 (ringed on the fabric).
%2</source>
        <translation>Das Programm hängt: wartende PEs: %1 (auf dem Fabric eingekreist).
%2</translation>
    </message>
    <message>
        <source>&amp;Build</source>
        <translation>&amp;Build</translation>
    </message>
    <message>
        <source>&amp;Build Project</source>
        <translation>Projekt &amp;bauen</translation>
    </message>
    <message>
        <source>&amp;Cancel Build</source>
        <translation>Build &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run &amp;Host Script (run.py)</source>
        <translation>&amp;Host-Skript ausführen (run.py)</translation>
    </message>
    <message>
        <source>Start &amp;Session</source>
        <translation>&amp;Sitzung starten</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>S&amp;tep 1 Cycle</source>
        <translation>1 Zyklus &amp;schrittweise</translation>
    </message>
    <message>
        <source>&amp;End Session</source>
        <translation>Sitzung &amp;beenden</translation>
    </message>
    <message>
        <source>&amp;Import Settings from Script…</source>
        <translation>Einstellungen aus Skript &amp;importieren…</translation>
    </message>
    <message>
        <source>Import Compile Settings</source>
        <translation>Compiler-Einstellungen importieren</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh);;All files (*)</source>
        <translation>Shell-Skripte (*.sh);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Export Settings as Script…</source>
        <translation>Einstellungen als Skript &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export Compile Settings</source>
        <translation>Compiler-Einstellungen exportieren</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh)</source>
        <translation>Shell-Skripte (*.sh)</translation>
    </message>
    <message>
        <source>Open a project to build it.</source>
        <translation>Öffnen Sie ein Projekt, um es zu bauen.</translation>
    </message>
    <message>
        <source>(not started)</source>
        <translation>(nicht gestartet)</translation>
    </message>
    <message>
        <source>Cannot save before building: %1</source>
        <translation>Speichern vor dem Build nicht möglich: %1</translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation>Kein Projekt ist geöffnet.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>tessera::MainWindow</name>
    <message>
        <source>Open File</source>
        <translation>Datei öffnen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Set as Layout File</source>
        <translation>Als Layout-Datei festlegen</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New File</source>
        <translation>&amp;Neue Datei</translation>
    </message>
    <message>
        <source>Open &amp;Project...</source>
        <translation>&amp;Projekt öffnen...</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Open File...</source>
        <translation>Datei ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>&amp;Recent Projects</source>
        <translation>&amp;Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>&amp;Beispiele</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>Speichern &amp;unter...</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>A&amp;lle speichern</translation>
    </message>
    <message>
        <source>Ctrl+Alt+S</source>
        <translation>Ctrl+Alt+S</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Alle speichern</translation>
    </message>
    <message>
        <source>&amp;Close File</source>
        <translation>Datei s&amp;chließen</translation>
    </message>
    <message>
        <source>Close Pro&amp;ject</source>
        <translation>Pro&amp;jekt schließen</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>E&amp;infügen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation>&amp;Suchen...</translation>
    </message>
    <message>
        <source>R&amp;eplace...</source>
        <translation>&amp;Ersetzen...</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>Rück&amp;wärts suchen</translation>
    </message>
    <message>
        <source>&amp;Go to Line...</source>
        <translation>&amp;Gehe zu Zeile...</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Complete &amp;Word</source>
        <translation>&amp;Wort vervollständigen</translation>
    </message>
    <message>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Fold All</source>
        <translation>Alles &amp;falten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Tessera</source>
        <translation>&amp;Über Tessera</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>There is no bundled example named &quot;%1&quot;.</source>
        <translation>Es gibt kein mitgeliefertes Beispiel namens „%1“.</translation>
    </message>
    <message>
        <source>Cannot copy the example to %1.</source>
        <translation>Das Beispiel kann nicht nach %1 kopiert werden.</translation>
    </message>
    <message>
        <source>Tessera Examples</source>
        <translation>Tessera-Beispiele</translation>
    </message>
    <message>
        <source>Open Example</source>
        <translation>Beispiel öffnen</translation>
    </message>
    <message>
        <source>The layout file %1 does not exist.</source>
        <translation>Die Layout-Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Untitled %1</source>
        <translation>Unbenannt %1</translation>
    </message>
    <message>
        <source>%1 changed on disk.</source>
        <translation>%1 wurde auf der Festplatte geändert.</translation>
    </message>
    <message>
        <source>Line %1, Column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <source>CSL files (*.csl);;All files (*)</source>
        <translation>CSL-Dateien (*.csl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 was not saved.</source>
        <translation>%1 wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>These files have unsaved changes:

%1

Save them?</source>
        <translation>Diese Dateien haben ungespeicherte Änderungen:

%1

Speichern?</translation>
    </message>
    <message>
        <source>%1 (recovered)</source>
        <translation>%1 (wiederhergestellt)</translation>
    </message>
    <message>
        <source>%1 (autosaved %2)</source>
        <translation>%1 (automatisch gesichert %2)</translation>
    </message>
    <message>
        <source>Restore Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen wiederherstellen</translation>
    </message>
    <message>
        <source>Tessera was not closed properly last time. These buffers had unsaved changes:

%1

Restore them?</source>
        <translation>Tessera wurde beim letzten Mal nicht ordnungsgemäß beendet. Diese Puffer hatten ungespeicherte Änderungen:

%1

Wiederherstellen?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Ask Again Later</source>
        <translation>Später erneut fragen</translation>
    </message>
    <message>
        <source>Open Project Folder</source>
        <translation>Projektordner öffnen</translation>
    </message>
    <message>
        <source>CSL files (*.csl);;Python files (*.py);;All files (*)</source>
        <translation>CSL-Dateien (*.csl);;Python-Dateien (*.py);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>Gehe zu Zeile</translation>
    </message>
    <message>
        <source>Line (1 to %1):</source>
        <translation>Zeile (1 bis %1):</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language will be used the next time Tessera starts.</source>
        <translation>Die neue Sprache wird beim nächsten Start von Tessera verwendet.</translation>
    </message>
    <message>
        <source>Set Layout File</source>
        <translation>Layout-Datei festlegen</translation>
    </message>
    <message>
        <source>About Tessera</source>
        <translation>Über Tessera</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tessera %1&lt;/h3&gt;&lt;p&gt;An IDE for Cerebras SDK programs written in CSL: edit, compile and run them on a built-in wafer fabric simulator.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tessera %1&lt;/h3&gt;&lt;p&gt;Eine IDE für in CSL geschriebene Programme des Cerebras SDK: bearbeiten, kompilieren und auf einem eingebauten Wafer-Fabric-Simulator ausführen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 · fabric %2×%3 · %4</source>
        <translation>%1 · Fabric %2×%3 · %4</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <source>Compile &amp;Settings...</source>
        <translation>&amp;Kompiliereinstellungen...</translation>
    </message>
    <message>
        <source>Compile Settings</source>
        <translation>Kompiliereinstellungen</translation>
    </message>
</context>
<context>
    <name>tessera::ProjectSettingsDialog</name>
    <message>
        <source>Compile Settings — %1</source>
        <translation>Kompiliereinstellungen — %1</translation>
    </message>
    <message>
        <source>Use memcpy (--memcpy)</source>
        <translation>memcpy verwenden (--memcpy)</translation>
    </message>
    <message>
        <source>name:value,name:value</source>
        <translation>Name:Wert,Name:Wert</translation>
    </message>
    <message>
        <source>further cslc flags, e.g. --verbose</source>
        <translation>weitere cslc-Optionen, z. B. --verbose</translation>
    </message>
    <message>
        <source>Layout file:</source>
        <translation>Layout-Datei:</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>Architektur:</translation>
    </message>
    <message>
        <source>Fabric size (width × height):</source>
        <translation>Fabric-Größe (Breite × Höhe):</translation>
    </message>
    <message>
        <source>Fabric offsets (x, y):</source>
        <translation>Fabric-Versatz (x, y):</translation>
    </message>
    <message>
        <source>memcpy channels:</source>
        <translation>memcpy-Kanäle:</translation>
    </message>
    <message>
        <source>Parameters (--params):</source>
        <translation>Parameter (--params):</translation>
    </message>
    <message>
        <source>Output folder (-o):</source>
        <translation>Ausgabeordner (-o):</translation>
    </message>
    <message>
        <source>Extra arguments:</source>
        <translation>Weitere Argumente:</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Befehl:</translation>
    </message>
    <message>
        <source>Parameter &quot;%1&quot; must look like name:value.</source>
        <translation>Parameter „%1“ muss die Form Name:Wert haben.</translation>
    </message>
    <message>
        <source>The layout file must be a .csl file inside the project folder.</source>
        <translation>Die Layout-Datei muss eine .csl-Datei im Projektordner sein.</translation>
    </message>
    <message>
        <source>The output folder must not be empty.</source>
        <translation>Der Ausgabeordner darf nicht leer sein.</translation>
    </message>
</context>
<context>
    <name>tessera::ProjectTreeModel</name>
    <message>
        <source>Layout file of this project (the file cslc compiles)</source>
        <translation>Layout-Datei dieses Projekts (die Datei, die cslc kompiliert)</translation>
    </message>
</context>
<context>
    <name>tessera::RunConsole</name>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>host program command line</source>
        <translation>Befehlszeile des Host-Programms</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Exited normally (status 0)</source>
        <translation>Normal beendet (Status 0)</translation>
    </message>
    <message>
        <source>Exited with status %1</source>
        <translation>Beendet mit Status %1</translation>
    </message>
</context>
<context>
    <name>tessera::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Editor font:</source>
        <translation>Editor-Schrift:</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>Schriftgröße:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new language takes effect when Tessera is restarted.</source>
        <translation>Eine neue Sprache wird nach einem Neustart von Tessera wirksam.</translation>
    </message>
</context>
<context>
    <name>tessera::SimController</name>
    <message>
        <source>Build succeeded in %1 ms (%2 warnings): %3</source>
        <translation>Build erfolgreich in %1 ms (%2 Warnungen): %3</translation>
    </message>
    <message>
        <source>Build failed: %1 errors, %2 warnings. %3</source>
        <translation>Build fehlgeschlagen: %1 Fehler, %2 Warnungen. %3</translation>
    </message>
    <message>
        <source>Build cancelled.</source>
        <translation>Build abgebrochen.</translation>
    </message>
    <message>
        <source>a host program is already running</source>
        <translation>ein Host-Programm läuft bereits</translation>
    </message>
    <message>
        <source>build the project first</source>
        <translation>bauen Sie zuerst das Projekt</translation>
    </message>
    <message>
        <source>the host program crashed</source>
        <translation>das Host-Programm ist abgestürzt</translation>
    </message>
    <message>
        <source>A session is already open.</source>
        <translation>Eine Sitzung ist bereits offen.</translation>
    </message>
    <message>
        <source>Build the project before starting a session.</source>
        <translation>Bauen Sie das Projekt, bevor Sie eine Sitzung starten.</translation>
    </message>
    <message>
        <source>Session started (paused).</source>
        <translation>Sitzung gestartet (angehalten).</translation>
    </message>
    <message>
        <source>Session started (paused); %1 launched.</source>
        <translation>Sitzung gestartet (angehalten); %1 gestartet.</translation>
    </message>
    <message>
        <source>Cannot start the session</source>
        <translation>Die Sitzung kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 finished.</source>
        <translation>%1 beendet.</translation>
    </message>
    <message>
        <source>No session is open.</source>
        <translation>Keine Sitzung ist offen.</translation>
    </message>
    <message>
        <source>Debugger</source>
        <translation>Debugger</translation>
    </message>
    <message>
        <source>Breakpoints</source>
        <translation>Haltepunkte</translation>
    </message>
    <message>
        <source>Breakpoint hit at cycle %1. %2</source>
        <translation>Haltepunkt bei Zyklus %1 erreicht. %2</translation>
    </message>
</context>
<context>
    <name>tessera::SimControls</name>
    <message>
        <source>any PE</source>
        <translation>beliebiges PE</translation>
    </message>
    <message>
        <source>PE %1,%2</source>
        <translation>PE %1,%2</translation>
    </message>
    <message>
        <source>task %1 activates at %2</source>
        <translation>Task %1 wird bei %2 aktiviert</translation>
    </message>
    <message>
        <source>line %1 of file %2 at %3</source>
        <translation>Zeile %1 von Datei %2 bei %3</translation>
    </message>
    <message>
        <source>cycle %1</source>
        <translation>Zyklus %1</translation>
    </message>
    <message>
        <source>wavelet on color %1 at %2</source>
        <translation>Wavelet auf Farbe %1 bei %2</translation>
    </message>
    <message>
        <source>write to %1 at %2</source>
        <translation>Schreiben in %1 bei %2</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>Sitzung starten</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Step 1</source>
        <translation>Schritt 1</translation>
    </message>
    <message>
        <source>Step N</source>
        <translation>Schritt N</translation>
    </message>
    <message>
        <source>Run to breakpoint</source>
        <translation>Bis zum Haltepunkt</translation>
    </message>
    <message>
        <source>Cycles per Step N</source>
        <translation>Zyklen pro „Schritt N“</translation>
    </message>
    <message>
        <source>Task activation</source>
        <translation>Task-Aktivierung</translation>
    </message>
    <message>
        <source>Source line</source>
        <translation>Quellzeile</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Zyklus</translation>
    </message>
    <message>
        <source>Wavelet on color</source>
        <translation>Wavelet auf Farbe</translation>
    </message>
    <message>
        <source>Write to symbol</source>
        <translation>Schreiben in Symbol</translation>
    </message>
    <message>
        <source>at PE</source>
        <translation>bei PE</translation>
    </message>
    <message>
        <source>symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Exported function the session launches</source>
        <translation>Exportierte Funktion, die die Sitzung startet</translation>
    </message>
    <message>
        <source>Break on</source>
        <translation>Halten bei</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Cycle %1 · %2 cycles/s</source>
        <translation>Zyklus %1 · %2 Zyklen/s</translation>
    </message>
    <message>
        <source>(launch nothing)</source>
        <translation>(nichts starten)</translation>
    </message>
    <message>
        <source>A symbol breakpoint needs a symbol name.</source>
        <translation>Ein Symbol-Haltepunkt braucht einen Symbolnamen.</translation>
    </message>
</context>
</TS>
