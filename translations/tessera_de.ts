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
    <name>QObject</name>
    <message>
        <source>%1: no compiled program found next to the dump; build the project that produced it first</source>
        <translation>%1: Neben dem Dump wurde kein kompiliertes Programm gefunden; bauen Sie zuerst das Projekt, das ihn erzeugt hat</translation>
    </message>
    <message>
        <source>data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <source>control</source>
        <translation>Steuerung</translation>
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
    <message>
        <source>Print the time from start to the first painted frame and exit (scripts/bench).</source>
        <translation>Die Zeit vom Start bis zum ersten gezeichneten Frame ausgeben und beenden (scripts/bench).</translation>
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
    <message>
        <source>Custom values</source>
        <translation>Benutzerdefinierte Werte</translation>
    </message>
    <message>
        <source>Link congestion (wavelets per cycle)</source>
        <translation>Link-Auslastung (Wavelets pro Zyklus)</translation>
    </message>
</context>
<context>
    <name>tessera::ActivityHeatBar</name>
    <message>
        <source>Activity over time (instructions and wavelets per cycle); click or drag to replay from there</source>
        <translation>Aktivität über die Zeit (Befehle und Wavelets pro Zyklus); klicken oder ziehen, um ab dort wiederzugeben</translation>
    </message>
    <message>
        <source>No recording yet</source>
        <translation>Noch keine Aufzeichnung</translation>
    </message>
</context>
<context>
    <name>tessera::AnalysisWorkbench</name>
    <message>
        <source>Colour-&amp;Blind-Safe Palette</source>
        <translation>Farben&amp;blind-taugliche Palette</translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation>Wartezustände</translation>
    </message>
    <message>
        <source>Simprint</source>
        <translation>Simprint</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Fabric colours that stay apart with red-green and blue-yellow colour blindness</source>
        <translation>Fabric-Farben, die auch bei Rot-Grün- und Blau-Gelb-Farbenblindheit unterscheidbar bleiben</translation>
    </message>
    <message numerus="yes">
        <source>(%n earlier simprint line(s) left the simulator&apos;s window of the newest %1 before the console fetched them)</source>
        <translation>
            <numerusform>(%n frühere simprint-Zeile hat das Fenster des Simulators mit den neuesten %1 verlassen, bevor die Konsole sie abrief)</numerusform>
            <numerusform>(%n frühere simprint-Zeilen haben das Fenster des Simulators mit den neuesten %1 verlassen, bevor die Konsole sie abrief)</numerusform>
        </translation>
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
    <message>
        <source>builtin</source>
        <translation>eingebaut</translation>
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
    <name>tessera::DumpCompareModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>PE</source>
        <translation>PE</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>First differing element</source>
        <translation>Erstes abweichendes Element</translation>
    </message>
    <message>
        <source>Dump A</source>
        <translation>Dump A</translation>
    </message>
    <message>
        <source>Dump B</source>
        <translation>Dump B</translation>
    </message>
    <message>
        <source>Elements differing</source>
        <translation>Abweichende Elemente</translation>
    </message>
</context>
<context>
    <name>tessera::DumpComparePanel</name>
    <message>
        <source>Compare all PEs</source>
        <translation>Alle PEs vergleichen</translation>
    </message>
    <message>
        <source>A: %1
B: %2</source>
        <translation>A: %1
B: %2</translation>
    </message>
    <message>
        <source>Open two core dumps of one program to compare them.</source>
        <translation>Öffnen Sie zwei Core-Dumps desselben Programms, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>The dumps agree on every symbol of all %1 PEs.</source>
        <translation>Die Dumps stimmen in jedem Symbol aller %1 PEs überein.</translation>
    </message>
    <message>
        <source>%1 of %2 PEs differ (shown on the fabric); %3 differing symbols listed from %4 PEs compared so far.</source>
        <translation>%1 von %2 PEs weichen ab (auf dem Fabric markiert); %3 abweichende Symbole aus den bisher %4 verglichenen PEs aufgelistet.</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) could not be compared (no value on the fabric); first: %1</source>
        <translation>
            <numerusform>%n PE konnte nicht verglichen werden (kein Wert auf dem Fabric); erstes: %1</numerusform>
            <numerusform>%n PEs konnten nicht verglichen werden (kein Wert auf dem Fabric); erstes: %1</numerusform>
        </translation>
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
    <name>tessera::ExampleThumbnails</name>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>Temporärer Ordner kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>%1: cannot compile: %2</source>
        <translation>%1: Kompilieren nicht möglich: %2</translation>
    </message>
    <message>
        <source>%1 does not compile: %2</source>
        <translation>%1 lässt sich nicht kompilieren: %2</translation>
    </message>
</context>
<context>
    <name>tessera::ExamplesGallery</name>
    <message>
        <source>Open Example</source>
        <translation>Beispiel öffnen</translation>
    </message>
    <message>
        <source>Save the changes of the open project before opening the example?</source>
        <translation>Änderungen am geöffneten Projekt speichern, bevor das Beispiel geöffnet wird?</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>There is no bundled example named &quot;%1&quot;.</source>
        <translation>Es gibt kein mitgeliefertes Beispiel namens „%1“.</translation>
    </message>
    <message>
        <source>%1 already exists and is not empty.</source>
        <translation>%1 existiert bereits und ist nicht leer.</translation>
    </message>
    <message>
        <source>Cannot copy the example to %1.</source>
        <translation>Das Beispiel kann nicht nach %1 kopiert werden.</translation>
    </message>
    <message>
        <source>%1 already exists and holds files.</source>
        <translation>%1 existiert bereits und enthält Dateien.</translation>
    </message>
    <message>
        <source>Replace the example&apos;s files in it (your other files stay), or open the folder as it is?</source>
        <translation>Die Dateien des Beispiels darin ersetzen (Ihre anderen Dateien bleiben erhalten) oder den Ordner unverändert öffnen?</translation>
    </message>
    <message>
        <source>Replace Files</source>
        <translation>Dateien ersetzen</translation>
    </message>
    <message>
        <source>Open As It Is</source>
        <translation>Unverändert öffnen</translation>
    </message>
    <message>
        <source>&amp;Open, Build and Run</source>
        <translation>Ö&amp;ffnen, bauen und ausführen</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Compiling…</source>
        <translation>Kompiliere…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Copy the example to the folder, open it, build it and run run.py</source>
        <translation>Das Beispiel in den Ordner kopieren, öffnen, bauen und run.py ausführen</translation>
    </message>
    <message>
        <source>Copy to:</source>
        <translation>Kopieren nach:</translation>
    </message>
    <message>
        <source>Copy the Example Into</source>
        <translation>Beispiel kopieren nach</translation>
    </message>
    <message>
        <source>%1 has neither run.py nor a function without arguments to launch.</source>
        <translation>%1 hat weder ein run.py noch eine Funktion ohne Argumente, die gestartet werden kann.</translation>
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
    <message>
        <source>Per-PE %1</source>
        <translation>%1 je PE</translation>
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
    <name>tessera::FabricView</name>
    <message>
        <source>No program yet. Build the project (Ctrl+B) to see its PEs, routes and memcpy regions here.</source>
        <translation>Noch kein Programm. Erstellen Sie das Projekt (Strg+B), um hier seine PEs, Routen und memcpy-Bereiche zu sehen.</translation>
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
    <name>tessera::HostBlockModel</name>
    <message>
        <source>PE (%1, %2)</source>
        <translation>PE (%1, %2)</translation>
    </message>
    <message>
        <source>%1, element %2: %3</source>
        <translation>%1, Element %2: %3</translation>
    </message>
    <message>
        <source>[%1]</source>
        <translation>[%1]</translation>
    </message>
</context>
<context>
    <name>tessera::HostCopyForm</name>
    <message>
        <source>MEMCPY_32BIT</source>
        <translation>MEMCPY_32BIT</translation>
    </message>
    <message>
        <source>MEMCPY_16BIT</source>
        <translation>MEMCPY_16BIT</translation>
    </message>
    <message>
        <source>An exported variable (mutable from the host) or a streaming color (MEMCPYH2D_*)</source>
        <translation>Eine exportierte Variable (vom Host beschreibbar) oder eine Streaming-Farbe (MEMCPYH2D_*)</translation>
    </message>
    <message>
        <source>An exported variable or a streaming color (MEMCPYD2H_*)</source>
        <translation>Eine exportierte Variable oder eine Streaming-Farbe (MEMCPYD2H_*)</translation>
    </message>
    <message>
        <source>elem_per_pe: values each PE of the ROI sends or receives</source>
        <translation>elem_per_pe: Werte, die jedes PE der ROI sendet oder empfängt</translation>
    </message>
    <message>
        <source>How the values are read and shown; also the .npy dtype on save</source>
        <translation>Wie die Werte gelesen und angezeigt werden; beim Speichern auch der dtype der .npy-Datei</translation>
    </message>
    <message>
        <source>memcpy data_type: 16-bit data travels zero-extended in 32-bit words</source>
        <translation>memcpy data_type: 16-Bit-Daten werden mit Nullen erweitert in 32-Bit-Wörtern übertragen</translation>
    </message>
    <message>
        <source>memcpy order on the wire; the panel&apos;s data is always (h, w, elements) PE by PE</source>
        <translation>memcpy-Reihenfolge bei der Übertragung; die Daten des Panels sind immer (h, w, elements), PE für PE</translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>ROI x, y:</source>
        <translation>ROI x, y:</translation>
    </message>
    <message>
        <source>w × h:</source>
        <translation>w × h:</translation>
    </message>
    <message>
        <source>Elements per PE:</source>
        <translation>Elemente pro PE:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Data type:</source>
        <translation>Datentyp:</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Reihenfolge:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>streaming, color %1</source>
        <translation>Streaming, Farbe %1</translation>
    </message>
    <message>
        <source>The program exports no variable the host may write and no streaming color.</source>
        <translation>Das Programm exportiert weder eine vom Host beschreibbare Variable noch eine Streaming-Farbe.</translation>
    </message>
    <message>
        <source>The program exports no variable and no streaming color.</source>
        <translation>Das Programm exportiert weder eine Variable noch eine Streaming-Farbe.</translation>
    </message>
    <message>
        <source>ROI (x %1, y %2, w %3, h %4) lies outside the %5×%6 program rectangle.</source>
        <translation>Die ROI (x %1, y %2, w %3, h %4) liegt außerhalb des %5×%6-Programmrechtecks.</translation>
    </message>
    <message>
        <source>Data type %1 does not fit element type %2: choose a %3-bit type (%4) or %5.</source>
        <translation>Datentyp %1 passt nicht zum Elementtyp %2: Wählen Sie einen %3-Bit-Typ (%4) oder %5.</translation>
    </message>
    <message>
        <source>Box (memcpy_h2d)</source>
        <translation>Rechteck (memcpy_h2d)</translation>
    </message>
    <message>
        <source>Row broadcast (memcpy_h2d_rowbcast)</source>
        <translation>Zeilen-Broadcast (memcpy_h2d_rowbcast)</translation>
    </message>
    <message>
        <source>Column broadcast (memcpy_h2d_colbcast)</source>
        <translation>Spalten-Broadcast (memcpy_h2d_colbcast)</translation>
    </message>
    <message>
        <source>Strided (memcpy_h2d_stride)</source>
        <translation>Mit Schrittweite (memcpy_h2d_stride)</translation>
    </message>
    <message>
        <source>Row, column stride:</source>
        <translation>Zeilen-, Spaltenschrittweite:</translation>
    </message>
    <message>
        <source>row_stride: every row_stride-th row of the ROI receives a block, from its first row</source>
        <translation>row_stride: jede row_stride-te Zeile der ROI erhält einen Block, ab ihrer ersten Zeile</translation>
    </message>
    <message>
        <source>col_stride: every col_stride-th column of the ROI receives a block, from its first column</source>
        <translation>col_stride: jede col_stride-te Spalte der ROI erhält einen Block, ab ihrer ersten Spalte</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>A streaming color takes box copies only: broadcast and strided copies write an exported variable.</source>
        <translation>Eine Streaming-Farbe nimmt nur Rechteck-Kopien an: Broadcast- und Schrittweiten-Kopien schreiben eine exportierte Variable.</translation>
    </message>
    <message>
        <source>Box: one block per PE. Row broadcast: one block per row of PEs, sent to every PE of the row. Column broadcast: one block per column. Strided: one block per PE on every row stride-th row and column stride-th column of the ROI.</source>
        <translation>Rechteck: ein Block je PE. Zeilen-Broadcast: ein Block je PE-Zeile, an jedes PE der Zeile gesendet. Spalten-Broadcast: ein Block je Spalte. Mit Schrittweite: ein Block je PE in jeder (Zeilenschrittweite)-ten Zeile und (Spaltenschrittweite)-ten Spalte der ROI.</translation>
    </message>
    <message>
        <source>Broadcast and strided copies travel ROW_MAJOR; the PEs receive the same values in either order.</source>
        <translation>Broadcast- und Schrittweiten-Kopien werden ROW_MAJOR übertragen; die PEs erhalten in beiden Reihenfolgen dieselben Werte.</translation>
    </message>
    <message>
        <source>w</source>
        <translation>w</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>Elements per PE</source>
        <translation>Elemente je PE</translation>
    </message>
    <message>
        <source>Row stride</source>
        <translation>Zeilenschrittweite</translation>
    </message>
    <message>
        <source>Column stride</source>
        <translation>Spaltenschrittweite</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Give as many values, in this order: an expression, a CSV file, or a .npy file of shape %1.</source>
        <translation>Geben Sie so viele Werte in dieser Reihenfolge an: einen Ausdruck, eine CSV-Datei oder eine .npy-Datei der Form %1.</translation>
    </message>
    <message>
        <source>Shape: a %1 copy writes an exported variable; streaming color %2 takes box copies only.</source>
        <translation>Form: eine Kopie »%1« schreibt eine exportierte Variable; die Streaming-Farbe %2 nimmt nur Rechteck-Kopien an.</translation>
    </message>
</context>
<context>
    <name>tessera::HostSession</name>
    <message>
        <source>color %1</source>
        <translation>Farbe %1</translation>
    </message>
    <message>
        <source>%1 (%2, %3) %4×%5 × %6 %7, %8, %9-bit</source>
        <translation>%1 (%2, %3) %4×%5 × %6 %7, %8, %9 Bit</translation>
    </message>
    <message>
        <source>box</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>row broadcast</source>
        <translation>Zeilen-Broadcast</translation>
    </message>
    <message>
        <source>column broadcast</source>
        <translation>Spalten-Broadcast</translation>
    </message>
    <message>
        <source>strided</source>
        <translation>mit Schrittweite</translation>
    </message>
    <message>
        <source>strided (row %1, column %2)</source>
        <translation>mit Schrittweite (Zeile %1, Spalte %2)</translation>
    </message>
    <message>
        <source>Host array (%1, %2, %3): 1 value</source>
        <translation>Host-Array (%1, %2, %3): 1 Wert</translation>
    </message>
    <message>
        <source>Host array (%1, %2, %3): %4 values</source>
        <translation>Host-Array (%1, %2, %3): %4 Werte</translation>
    </message>
    <message>
        <source>one block of %1 per PE of the ROI, row by row.</source>
        <translation>ein Block von %1 je PE der ROI, Zeile für Zeile.</translation>
    </message>
    <message>
        <source>one block of %1 per row of PEs of the ROI; every PE of a row receives its row&apos;s block.</source>
        <translation>ein Block von %1 je PE-Zeile der ROI; jedes PE einer Zeile erhält den Block seiner Zeile.</translation>
    </message>
    <message>
        <source>one block of %1 per column of PEs of the ROI; every PE of a column receives its column&apos;s block.</source>
        <translation>ein Block von %1 je PE-Spalte der ROI; jedes PE einer Spalte erhält den Block seiner Spalte.</translation>
    </message>
    <message>
        <source>one block of %1 per PE in rows %2 and columns %3 of the ROI (%4 × %5 PEs); the other PEs keep their values.</source>
        <translation>ein Block von %1 je PE in den Zeilen %2 und Spalten %3 der ROI (%4 × %5 PEs); die übrigen PEs behalten ihre Werte.</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
</context>
<context>
    <name>tessera::HostSessionActions</name>
    <message>
        <source>Host Session</source>
        <translation>Host-Sitzung</translation>
    </message>
    <message>
        <source>H&amp;ost Session…</source>
        <translation>H&amp;ost-Sitzung…</translation>
    </message>
    <message>
        <source>Drive the built program from the IDE: memcpy to and from the device and launch functions, without a run.py</source>
        <translation>Das gebaute Programm aus der IDE steuern: memcpy zum und vom Gerät und Funktionen starten, ohne run.py</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Build the project first.</source>
        <translation>Bauen Sie zuerst das Projekt.</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Loaded and running (session %1).</source>
        <translation>Geladen und gestartet (Sitzung %1).</translation>
    </message>
    <message>
        <source>Host session</source>
        <translation>Host-Sitzung</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>Entladen</translation>
    </message>
    <message>
        <source>Stopped; the session is closed.</source>
        <translation>Gestoppt; die Sitzung ist geschlossen.</translation>
    </message>
    <message>
        <source>The session is closed (stop: %1).</source>
        <translation>Die Sitzung ist geschlossen (stop: %1).</translation>
    </message>
    <message>
        <source>no session is loaded</source>
        <translation>keine Sitzung geladen</translation>
    </message>
    <message>
        <source>launch %1</source>
        <translation>launch %1</translation>
    </message>
    <message>
        <source>launch %1 finished in %2 ms.</source>
        <translation>launch %1 nach %2 ms beendet.</translation>
    </message>
    <message>
        <source>memcpy_d2h</source>
        <translation>memcpy_d2h</translation>
    </message>
    <message>
        <source>memcpy_d2h %1: %2 values in %3 ms.</source>
        <translation>memcpy_d2h %1: %2 Werte in %3 ms.</translation>
    </message>
    <message>
        <source>%1 %2: %3 values in %4 ms.</source>
        <translation>%1 %2: %3 Werte in %4 ms.</translation>
    </message>
</context>
<context>
    <name>tessera::HostSessionPanel</name>
    <message>
        <source>&amp;Load</source>
        <translation>&amp;Laden</translation>
    </message>
    <message>
        <source>&amp;Unload</source>
        <translation>&amp;Entladen</translation>
    </message>
    <message>
        <source>Open a session on the built artifact: load and run, as SdkRuntime.load() and run() do</source>
        <translation>Eine Sitzung auf dem gebauten Artefakt öffnen: laden und ausführen, wie SdkRuntime.load() und run()</translation>
    </message>
    <message>
        <source>Stop the session (SdkRuntime.stop()) and close it</source>
        <translation>Die Sitzung stoppen (SdkRuntime.stop()) und schließen</translation>
    </message>
    <message>
        <source>Copy to Device</source>
        <translation>Auf das Gerät kopieren</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Copy from Device</source>
        <translation>Vom Gerät kopieren</translation>
    </message>
    <message>
        <source>What the session did appears here.</source>
        <translation>Hier erscheint, was die Sitzung getan hat.</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>Daten:</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <source>.npy file</source>
        <translation>.npy-Datei</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Function:</source>
        <translation>Funktion:</translation>
    </message>
    <message>
        <source>SdkRuntime.launch(function, arguments…): runs until the function hands the command stream back</source>
        <translation>SdkRuntime.launch(function, arguments…): läuft, bis die Funktion den Befehlsstrom zurückgibt</translation>
    </message>
    <message>
        <source>No data read yet.</source>
        <translation>Noch keine Daten gelesen.</translation>
    </message>
    <message>
        <source>Rows: PEs</source>
        <translation>Zeilen: PEs</translation>
    </message>
    <message>
        <source>Rows: elements</source>
        <translation>Zeilen: Elemente</translation>
    </message>
    <message>
        <source>Save as .npy…</source>
        <translation>Als .npy speichern…</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>Als CSV speichern…</translation>
    </message>
    <message>
        <source>The project was rebuilt: Unload and Load to use the new artifact.</source>
        <translation>Das Projekt wurde neu gebaut: Klicken Sie auf „Entladen“ und dann auf „Laden“, um das neue Artefakt zu verwenden.</translation>
    </message>
    <message>
        <source>Loaded %1: %2×%3 PEs, %4 variables, %5 functions.</source>
        <translation>%1 geladen: %2×%3 PEs, %4 Variablen, %5 Funktionen.</translation>
    </message>
    <message>
        <source>Build the project, then Load its artifact to drive it from here.</source>
        <translation>Bauen Sie das Projekt und laden Sie dann sein Artefakt, um es von hier aus zu steuern.</translation>
    </message>
    <message>
        <source>Not loaded. Load opens a session on %1.</source>
        <translation>Nicht geladen. „Laden“ öffnet eine Sitzung auf %1.</translation>
    </message>
    <message>
        <source>%1  error: %2</source>
        <translation>%1  Fehler: %2</translation>
    </message>
    <message>
        <source>path of a .npy file</source>
        <translation>Pfad einer .npy-Datei</translation>
    </message>
    <message>
        <source>path of a CSV file</source>
        <translation>Pfad einer CSV-Datei</translation>
    </message>
    <message>
        <source>Data to Copy to the Device</source>
        <translation>Daten zum Kopieren auf das Gerät</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy);;All files (*)</source>
        <translation>NumPy-Arrays (*.npy);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The program exports no function.</source>
        <translation>Das Programm exportiert keine Funktion.</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an integer (%1)</source>
        <translation>eine ganze Zahl (%1)</translation>
    </message>
    <message>
        <source>a number (%1)</source>
        <translation>eine Zahl (%1)</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not true, false, 1 or 0</source>
        <translation>ist nicht true, false, 1 oder 0 („%1“)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an integer</source>
        <translation>ist keine ganze Zahl („%1“)</translation>
    </message>
    <message>
        <source>%1 is out of range %2…%3</source>
        <translation>liegt mit %1 außerhalb des Bereichs %2…%3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>ist keine Zahl („%1“)</translation>
    </message>
    <message>
        <source>%1 is too large for %2</source>
        <translation>ist mit %1 zu groß für %2</translation>
    </message>
    <message>
        <source>has type %1, which the host session cannot pass</source>
        <translation>hat den Typ %1, den die Host-Sitzung nicht übergeben kann</translation>
    </message>
    <message>
        <source>The program exports no function to launch.</source>
        <translation>Das Programm exportiert keine Funktion, die gestartet werden kann.</translation>
    </message>
    <message>
        <source>Argument %1 (%2) of %3 %4.</source>
        <translation>Argument %1 (%2) von %3 %4.</translation>
    </message>
    <message>
        <source>%1 is not an exported function.</source>
        <translation>%1 ist keine exportierte Funktion.</translation>
    </message>
    <message>
        <source>Type an expression for the data, e.g. arange(0, %1).</source>
        <translation>Geben Sie einen Ausdruck für die Daten ein, z. B. arange(0, %1).</translation>
    </message>
    <message>
        <source>Choose the file that holds the data.</source>
        <translation>Wählen Sie die Datei mit den Daten.</translation>
    </message>
    <message>
        <source>Copy to device: %1</source>
        <translation>Auf das Gerät kopieren: %1</translation>
    </message>
    <message>
        <source>Launch: %1</source>
        <translation>Starten: %1</translation>
    </message>
    <message>
        <source>Copy from device: %1</source>
        <translation>Vom Gerät kopieren: %1</translation>
    </message>
    <message>
        <source>%1: %2 values</source>
        <translation>%1: %2 Werte</translation>
    </message>
    <message>
        <source>No data has been read yet.</source>
        <translation>Es wurden noch keine Daten gelesen.</translation>
    </message>
    <message>
        <source>Save as .npy</source>
        <translation>Als .npy speichern</translation>
    </message>
    <message>
        <source>Save as CSV</source>
        <translation>Als CSV speichern</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy-Arrays (*.npy)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>arange(0, %1), ones(%1)*2.5, linspace(0, 1, %1), [1, 2, 3]</source>
        <translation>arange(0, %1), ones(%1)*2.5, linspace(0, 1, %1), [1, 2, 3]</translation>
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
        <translation>B&amp;uild</translation>
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
        <translation>Aus&amp;führen</translation>
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
        <translation>1 &amp;Zyklus schrittweise</translation>
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
    <name>tessera::InspectorWorkbench</name>
    <message>
        <source>Heat Map</source>
        <translation>Wärmekarte</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Task Profile</source>
        <translation>Task-Profil</translation>
    </message>
    <message>
        <source>PE Inspector</source>
        <translation>PE-Inspektor</translation>
    </message>
    <message>
        <source>Core Dump</source>
        <translation>Core-Dump</translation>
    </message>
    <message>
        <source>Differing symbols</source>
        <translation>Abweichende Symbole</translation>
    </message>
    <message>
        <source>Cannot dump the session: %1</source>
        <translation>Dump der Sitzung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Open Core &amp;Dump...</source>
        <translation>Core-&amp;Dump öffnen...</translation>
    </message>
    <message>
        <source>Compare &amp;With Core Dump...</source>
        <translation>Mit Core-Dump &amp;vergleichen...</translation>
    </message>
    <message>
        <source>&amp;Dump and Inspect</source>
        <translation>&amp;Dumpen und untersuchen</translation>
    </message>
    <message>
        <source>Core dump %1: %2x%3 PEs at cycle %4 (format version %5).</source>
        <translation>Core-Dump %1: %2x%3 PEs bei Zyklus %4 (Formatversion %5).</translation>
    </message>
    <message>
        <source>Open a core dump first, then compare it with another.</source>
        <translation>Öffnen Sie zuerst einen Core-Dump und vergleichen Sie ihn dann mit einem anderen.</translation>
    </message>
    <message>
        <source>Build and start a session first.</source>
        <translation>Bauen Sie zuerst das Projekt und starten Sie eine Sitzung.</translation>
    </message>
    <message>
        <source>Open Core Dump</source>
        <translation>Core-Dump öffnen</translation>
    </message>
    <message>
        <source>Core dumps (corefile* *.cs1 *.core);;All files (*)</source>
        <translation>Core-Dumps (corefile* *.cs1 *.core);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Compare With Core Dump</source>
        <translation>Mit Core-Dump vergleichen</translation>
    </message>
    <message>
        <source>Open a core dump to profile the tasks of a region of PEs.</source>
        <translation>Öffnen Sie einen Core-Dump, um die Tasks eines PE-Bereichs zu profilieren.</translation>
    </message>
    <message>
        <source>Task profile of PEs %1,%2 to %3,%4.</source>
        <translation>Task-Profil der PEs %1,%2 bis %3,%4.</translation>
    </message>
    <message>
        <source>Tracing is on: start a session (Run ▸ Start Session) to trace it.</source>
        <translation>Trace ist eingeschaltet: Starten Sie eine Sitzung (Ausführen ▸ Sitzung starten), um sie aufzuzeichnen.</translation>
    </message>
    <message>
        <source>Tracing is on: step or run the session; the trace follows it.</source>
        <translation>Trace ist eingeschaltet: Führen Sie die Sitzung schrittweise oder fortlaufend aus; der Trace folgt ihr.</translation>
    </message>
    <message>
        <source>Cannot trace: no temporary folder (%1).</source>
        <translation>Trace nicht möglich: kein temporärer Ordner (%1).</translation>
    </message>
    <message>
        <source>Tracing the run to cycle %1…</source>
        <translation>Zeichne den Lauf bis Zyklus %1 auf…</translation>
    </message>
    <message>
        <source>cycles 0–%1, nothing launched</source>
        <translation>Zyklen 0–%1, nichts gestartet</translation>
    </message>
    <message>
        <source>%1 launched, cycles 0–%2</source>
        <translation>%1 gestartet, Zyklen 0–%2</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Cannot trace the run: %1</source>
        <translation>Der Lauf kann nicht aufgezeichnet werden: %1</translation>
    </message>
    <message>
        <source>the script&apos;s host commands replayed by the appliance, cycles 0–%1</source>
        <translation>die Host-Befehle des Skripts, von der Appliance erneut ausgeführt, Zyklen 0–%1</translation>
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
        <translation>Be&amp;ispiele</translation>
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
        <translation>Wieder&amp;holen</translation>
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
        <translation>Alles a&amp;uswählen</translation>
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
        <translation>Rückwärts su&amp;chen</translation>
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
        <translation>Wort &amp;vervollständigen</translation>
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
    <message>
        <source>&amp;Examples…</source>
        <translation>&amp;Beispiele…</translation>
    </message>
    <message>
        <source>Open Core Dump</source>
        <translation>Core-Dump öffnen</translation>
    </message>
    <message>
        <source>%1 (the build uses the default compile settings)</source>
        <translation>%1 (der Build verwendet die Standard-Kompiliereinstellungen)</translation>
    </message>
</context>
<context>
    <name>tessera::PeInspector</name>
    <message>
        <source>PE (x,y):</source>
        <translation>PE (x,y):</translation>
    </message>
    <message>
        <source>fabric x,y</source>
        <translation>Fabric x,y</translation>
    </message>
    <message>
        <source>Tasks &amp;&amp; Queues</source>
        <translation>Tasks &amp;&amp; Warteschlangen</translation>
    </message>
    <message>
        <source>address or symbol</source>
        <translation>Adresse oder Symbol</translation>
    </message>
    <message>
        <source>Show as:</source>
        <translation>Anzeigen als:</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>Gehe zu:</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>Simprint</source>
        <translation>Simprint</translation>
    </message>
    <message>
        <source>Type the PE&apos;s fabric coordinates as x,y.</source>
        <translation>Geben Sie die Fabric-Koordinaten des PE als x,y ein.</translation>
    </message>
    <message>
        <source>Open a core dump to inspect PEs.</source>
        <translation>Öffnen Sie einen Core-Dump, um PEs zu untersuchen.</translation>
    </message>
    <message>
        <source>PE %1,%2 is outside the program rectangle %3,%4 .. %5,%6.</source>
        <translation>PE %1,%2 liegt außerhalb des Programmrechtecks %3,%4 .. %5,%6.</translation>
    </message>
    <message>
        <source>Select a PE in the fabric view or type its coordinates.</source>
        <translation>Wählen Sie ein PE in der Fabric-Ansicht aus oder geben Sie seine Koordinaten ein.</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>im Leerlauf</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source> at %1:%2</source>
        <translation> bei %1:%2</translation>
    </message>
    <message>
        <source>PE %1,%2 (rectangle %3,%4) runs %5, %6 at cycle %7; %8 instructions, %9 stall cycles, %10 task activations.</source>
        <translation>PE %1,%2 (Rechteck %3,%4) führt %5 aus, %6 bei Zyklus %7; %8 Befehle, %9 Wartezyklen, %10 Task-Aktivierungen.</translation>
    </message>
    <message>
        <source> (unfinished line)</source>
        <translation> (unvollständige Zeile)</translation>
    </message>
    <message>
        <source>(this dump predates simprint capture)</source>
        <translation>(dieser Dump ist älter als die simprint-Aufzeichnung)</translation>
    </message>
    <message>
        <source>(no simprint output from this PE)</source>
        <translation>(keine simprint-Ausgabe von diesem PE)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>PE %1,%2 cannot be shown: its part of the core dump is unreadable.</source>
        <translation>PE %1,%2 kann nicht angezeigt werden: Sein Teil des Core-Dumps ist nicht lesbar.</translation>
    </message>
    <message>
        <source>The other PEs of this dump can still be inspected.</source>
        <translation>Die anderen PEs dieses Dumps können weiterhin untersucht werden.</translation>
    </message>
</context>
<context>
    <name>tessera::PeQueueModel</name>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Wavelets</source>
        <translation>Wavelets</translation>
    </message>
    <message>
        <source>Contents (front first)</source>
        <translation>Inhalt (vorderstes zuerst)</translation>
    </message>
    <message>
        <source>ctrl %1</source>
        <translation>Steuerung %1</translation>
    </message>
    <message>
        <source>input, color %1</source>
        <translation>Eingang, Farbe %1</translation>
    </message>
    <message>
        <source>output queue %1</source>
        <translation>Ausgangswarteschlange %1</translation>
    </message>
    <message>
        <source>router, color %1</source>
        <translation>Router, Farbe %1</translation>
    </message>
    <message>
        <source>(not in this dump)</source>
        <translation>(nicht in diesem Dump)</translation>
    </message>
    <message>
        <source>FIFO %1</source>
        <translation>FIFO %1</translation>
    </message>
    <message>
        <source>head at element %1</source>
        <translation>Anfang bei Element %1</translation>
    </message>
    <message>
        <source>(a pop found it empty: the next push activates .activate_push)</source>
        <translation>(ein Pop fand sie leer: der nächste Push aktiviert .activate_push)</translation>
    </message>
    <message>
        <source>(a push found it full: the next pop activates .activate_pop)</source>
        <translation>(ein Push fand sie voll: der nächste Pop aktiviert .activate_pop)</translation>
    </message>
</context>
<context>
    <name>tessera::PeSymbolModel</name>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tessera::PeTableModel</name>
    <message>
        <source>core dump %1: PE(%2,%3): %4</source>
        <translation>Core-Dump %1: PE(%2,%3): %4</translation>
    </message>
</context>
<context>
    <name>tessera::PeTaskModel</name>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Aktivierungen</translation>
    </message>
    <message>
        <source>Self cycles</source>
        <translation>Eigene Zyklen</translation>
    </message>
    <message>
        <source>Min cycles</source>
        <translation>Min. Zyklen</translation>
    </message>
    <message>
        <source>Max cycles</source>
        <translation>Max. Zyklen</translation>
    </message>
    <message>
        <source>Avg cycles</source>
        <translation>Mittl. Zyklen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>gebunden</translation>
    </message>
    <message>
        <source>unbound</source>
        <translation>ungebunden</translation>
    </message>
    <message>
        <source>launch</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>init</source>
        <translation>init</translation>
    </message>
    <message>
        <source>%1 (color %2)</source>
        <translation>%1 (Farbe %2)</translation>
    </message>
    <message>
        <source>%1 (iq %2)</source>
        <translation>%1 (iq %2)</translation>
    </message>
    <message>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>global initializers</source>
        <translation>globale Initialisierungen</translation>
    </message>
    <message>
        <source>high priority</source>
        <translation>hohe Priorität</translation>
    </message>
</context>
<context>
    <name>tessera::PeThreadModel</name>
    <message>
        <source>Thread</source>
        <translation>Thread</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>main, frame %1</source>
        <translation>main, Frame %1</translation>
    </message>
    <message>
        <source>%1, instruction %2</source>
        <translation>%1, Befehl %2</translation>
    </message>
    <message>
        <source>op %1</source>
        <translation>Op %1</translation>
    </message>
    <message>
        <source>main, DSD op</source>
        <translation>main, DSD-Op</translation>
    </message>
    <message>
        <source>microthread %1</source>
        <translation>Microthread %1</translation>
    </message>
    <message>
        <source>%1 (waiting since cycle %2)</source>
        <translation>%1 (wartet seit Zyklus %2)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 at 0x%2%3, length %4, stride %5 B</source>
        <translation>%1 bei 0x%2%3, Länge %4, Schrittweite %5 B</translation>
    </message>
    <message>
        <source>fabin, color %1, queue %2, length %3</source>
        <translation>fabin, Farbe %1, Warteschlange %2, Länge %3</translation>
    </message>
    <message>
        <source>fabout, color %1, queue %2, length %3</source>
        <translation>fabout, Farbe %1, Warteschlange %2, Länge %3</translation>
    </message>
    <message>
        <source>fifo %1</source>
        <translation>FIFO %1</translation>
    </message>
    <message>
        <source>DSD register %1 (frame %2)</source>
        <translation>DSD-Register %1 (Frame %2)</translation>
    </message>
    <message>
        <source>circular buffer at 0x%1%2, length %3, wraps after %4, head %5</source>
        <translation>Ringpuffer bei 0x%1%2, Länge %3, springt nach %4 zurück, Kopf %5</translation>
    </message>
    <message>
        <source>paused by @block</source>
        <translation>durch @block angehalten</translation>
    </message>
</context>
<context>
    <name>tessera::PeTraceModel</name>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tessera::PresentationMode</name>
    <message>
        <source>north</source>
        <translation>nach Norden</translation>
    </message>
    <message>
        <source>south</source>
        <translation>nach Süden</translation>
    </message>
    <message>
        <source>east</source>
        <translation>nach Osten</translation>
    </message>
    <message>
        <source>west</source>
        <translation>nach Westen</translation>
    </message>
    <message>
        <source>to the core</source>
        <translation>zum Kern</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>Task %1</translation>
    </message>
    <message>
        <source>one of its tasks (%1)</source>
        <translation>einen seiner Tasks (%1)</translation>
    </message>
    <message>
        <source>PE (%1,%2) computes</source>
        <translation>PE (%1,%2) rechnet</translation>
    </message>
    <message>
        <source>PE (%1,%2) runs %3</source>
        <translation>PE (%1,%2) führt %3 aus</translation>
    </message>
    <message>
        <source> (%1 PEs busy)</source>
        <translation> (%1 PEs beschäftigt)</translation>
    </message>
    <message>
        <source>1 wavelet hop on color %1 moving %2</source>
        <translation>1 Wavelet-Sprung auf Farbe %1 %2</translation>
    </message>
    <message>
        <source>%1 wavelet hops on color %2 moving %3</source>
        <translation>%1 Wavelet-Sprünge auf Farbe %2 %3</translation>
    </message>
    <message>
        <source> (1 more color busy)</source>
        <translation> (1 weitere Farbe aktiv)</translation>
    </message>
    <message>
        <source> (%1 more colors busy)</source>
        <translation> (%1 weitere Farben aktiv)</translation>
    </message>
    <message>
        <source>cycle %1: nothing moves</source>
        <translation>Zyklus %1: nichts bewegt sich</translation>
    </message>
    <message>
        <source>cycle %1: %2</source>
        <translation>Zyklus %1: %2</translation>
    </message>
    <message>
        <source>%1 runs on 1 PE</source>
        <translation>%1 läuft auf 1 PE</translation>
    </message>
    <message>
        <source>%1 runs on %2 PEs</source>
        <translation>%1 läuft auf %2 PEs</translation>
    </message>
    <message>
        <source>color %1: routes through %2 PEs, moving %3; %4 deliver to their core</source>
        <translation>Farbe %1: Route über %2 PEs, %3; %4 liefern an ihren Kern</translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation>nirgendwohin</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>Show the fabric large and animate the run slowly (F11; Esc leaves)</source>
        <translation>Das Fabric groß zeigen und den Lauf langsam animieren (F11; Esc beendet)</translation>
    </message>
    <message>
        <source>the build failed; see Compile Output</source>
        <translation>der Build ist fehlgeschlagen; siehe Compiler-Ausgabe</translation>
    </message>
    <message>
        <source>cycle %1: the run has finished</source>
        <translation>Zyklus %1: der Lauf ist beendet</translation>
    </message>
    <message>
        <source>open a project first</source>
        <translation>öffnen Sie zuerst ein Projekt</translation>
    </message>
    <message>
        <source>Building %1…</source>
        <translation>Baue %1…</translation>
    </message>
    <message>
        <source>cycle %1: ready</source>
        <translation>Zyklus %1: bereit</translation>
    </message>
    <message>
        <source>Nothing to animate: %1</source>
        <translation>Nichts zu animieren: %1</translation>
    </message>
    <message>
        <source>no PE has work at cycle %1: the program waits for host data (run.py)</source>
        <translation>kein PE hat bei Zyklus %1 Arbeit: das Programm wartet auf Host-Daten (run.py)</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>tour: %1</source>
        <translation>Rundgang: %1</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>building</source>
        <translation>Build läuft</translation>
    </message>
    <message>
        <source>skipping idle cycles (%1 per beat)</source>
        <translation>überspringe Leerlaufzyklen (%1 pro Takt)</translation>
    </message>
    <message>
        <source>%1 cycles per beat</source>
        <translation>%1 Zyklen pro Takt</translation>
    </message>
    <message>
        <source>%1   ·   Space pause/resume   ·   → step   ·   +/− speed   ·   Esc leave</source>
        <translation>%1   ·   Leertaste Pause/Weiter   ·   → Schritt   ·   +/− Tempo   ·   Esc beenden</translation>
    </message>
    <message>
        <source>one of its %1 tasks</source>
        <translation>einen seiner %1 Tasks</translation>
    </message>
    <message>
        <source>cycle %1: %2 has closed its session</source>
        <translation>Zyklus %1: %2 hat seine Sitzung geschlossen</translation>
    </message>
    <message>
        <source>cycle %1: %2 has loaded the program; the run begins</source>
        <translation>Zyklus %1: %2 hat das Programm geladen; der Lauf beginnt</translation>
    </message>
    <message>
        <source>a host program runs without the IDE attached; Run &gt; Attach to Script Session follows it</source>
        <translation>ein Host-Programm läuft ohne angehängte IDE; Ausführen &gt; An Skript-Sitzung anhängen folgt ihm</translation>
    </message>
    <message>
        <source>no run.py and no exported function without arguments to launch</source>
        <translation>kein run.py und keine exportierte Funktion ohne Argumente zum Starten</translation>
    </message>
    <message>
        <source>Starting %1 under cs_python…</source>
        <translation>Starte %1 unter cs_python…</translation>
    </message>
    <message>
        <source>cycle %1: %2 passed (exit code 0)</source>
        <translation>Zyklus %1: %2 bestanden (Exit-Code 0)</translation>
    </message>
    <message>
        <source>cycle %1: %2 passed: %3</source>
        <translation>Zyklus %1: %2 bestanden: %3</translation>
    </message>
    <message>
        <source>cycle %1: %2 failed (exit code %3): %4</source>
        <translation>Zyklus %1: %2 fehlgeschlagen (Exit-Code %3): %4</translation>
    </message>
    <message>
        <source>cycle %1: the fabric waits for %2&apos;s next host command</source>
        <translation>Zyklus %1: das Fabric wartet auf den nächsten Host-Befehl von %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
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
    <message>
        <source>name:id,name:id (ids 0 to 23)</source>
        <translation>name:id,name:id (IDs 0 bis 23)</translation>
    </message>
    <message>
        <source>Colors (--colors):</source>
        <translation>Farben (--colors):</translation>
    </message>
    <message>
        <source>west</source>
        <translation>West</translation>
    </message>
    <message>
        <source>east</source>
        <translation>Ost</translation>
    </message>
    <message>
        <source>memcpy buffer widths (--width-west-buf, --width-east-buf):</source>
        <translation>memcpy-Pufferbreiten (--width-west-buf, --width-east-buf):</translation>
    </message>
    <message>
        <source>Color &quot;%1&quot; must look like name:id.</source>
        <translation>Farbe „%1“ muss die Form name:id haben.</translation>
    </message>
    <message>
        <source>Color &quot;%1&quot;: id %2 is outside 0 to 23.</source>
        <translation>Farbe „%1“: ID %2 liegt außerhalb von 0 bis 23.</translation>
    </message>
    <message>
        <source>Color &quot;%1&quot; is given twice.</source>
        <translation>Farbe „%1“ ist doppelt angegeben.</translation>
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
    <name>tessera::ReplayControls</name>
    <message>
        <source>Step back one frame</source>
        <translation>Einen Frame zurück</translation>
    </message>
    <message>
        <source>Play or pause the replay</source>
        <translation>Wiedergabe starten oder anhalten</translation>
    </message>
    <message>
        <source>Step one frame</source>
        <translation>Einen Frame vor</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Show the running session again</source>
        <translation>Wieder die laufende Sitzung zeigen</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>Wiedergabetempo</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the recording to a file</source>
        <translation>Die Aufzeichnung in eine Datei speichern</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Open a recording saved before</source>
        <translation>Eine früher gespeicherte Aufzeichnung öffnen</translation>
    </message>
    <message>
        <source>No frames recorded</source>
        <translation>Keine Frames aufgezeichnet</translation>
    </message>
    <message numerus="yes">
        <source>Live · %n frame(s) recorded</source>
        <translation>
            <numerusform>Live · %n Frame aufgezeichnet</numerusform>
            <numerusform>Live · %n Frames aufgezeichnet</numerusform>
        </translation>
    </message>
    <message>
        <source>Frame %1/%2 · cycle %3</source>
        <translation>Frame %1/%2 · Zyklus %3</translation>
    </message>
    <message>
        <source>Save Recording</source>
        <translation>Aufzeichnung speichern</translation>
    </message>
    <message>
        <source>Tessera recordings (*.tsrec)</source>
        <translation>Tessera-Aufzeichnungen (*.tsrec)</translation>
    </message>
    <message>
        <source>Recording saved to %1.</source>
        <translation>Aufzeichnung in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Open Recording</source>
        <translation>Aufzeichnung öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Recording %1 opened (%n frame(s)).</source>
        <translation>
            <numerusform>Aufzeichnung %1 geöffnet (%n Frame).</numerusform>
            <numerusform>Aufzeichnung %1 geöffnet (%n Frames).</numerusform>
        </translation>
    </message>
    <message>
        <source>Each frame&apos;s activity from idle (dark) to the busiest (yellow). Click or drag on the strip to replay from there; Live follows the session again.</source>
        <translation>Die Aktivität jedes Frames von untätig (dunkel) bis zum aktivsten (gelb). Klicken oder ziehen Sie auf dem Streifen, um ab dort wiederzugeben; »Live« folgt wieder der Sitzung.</translation>
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
    <name>tessera::RunRecording</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a Tessera run recording</source>
        <translation>%1 ist keine Tessera-Laufaufzeichnung</translation>
    </message>
    <message>
        <source>%1: recording version %2 is not supported (this IDE reads version %3)</source>
        <translation>%1: Aufzeichnungsversion %2 wird nicht unterstützt (diese IDE liest Version %3)</translation>
    </message>
    <message>
        <source>%1: the recording is truncated or corrupt</source>
        <translation>%1: Die Aufzeichnung ist abgeschnitten oder beschädigt</translation>
    </message>
    <message>
        <source>%1: frame %2 is corrupt (size %3 x %4, cycle %5)</source>
        <translation>%1: Frame %2 ist beschädigt (Größe %3 x %4, Zyklus %5)</translation>
    </message>
    <message>
        <source>%1: the recording is truncated in frame %2</source>
        <translation>%1: Die Aufzeichnung bricht in Frame %2 ab</translation>
    </message>
</context>
<context>
    <name>tessera::ScriptAttachActions</name>
    <message>
        <source>&amp;Attach to Script Session…</source>
        <translation>An S&amp;kript-Sitzung anhängen…</translation>
    </message>
    <message>
        <source>Attach A&amp;utomatically to Host Programs</source>
        <translation>A&amp;utomatisch an Host-Programme anhängen</translation>
    </message>
    <message>
        <source>Attach to Script Session</source>
        <translation>An Skript-Sitzung anhängen</translation>
    </message>
    <message>
        <source>Cannot list the appliance&apos;s sessions: %1</source>
        <translation>Die Sitzungen der Appliance können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>No session is open on the appliance. Start a host program (Run &gt; Run Host Script, or cs_python against the appliance&apos;s address) first.</source>
        <translation>Auf der Appliance ist keine Sitzung offen. Starten Sie zuerst ein Host-Programm (Ausführen &gt; Host-Skript ausführen, oder cs_python mit der Adresse der Appliance).</translation>
    </message>
    <message>
        <source>%1 — pid %2 — %3, cycle %4 — %5</source>
        <translation>%1 — PID %2 — %3, Zyklus %4 — %5</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ohne Bezeichnung)</translation>
    </message>
    <message>
        <source>Sessions open on the appliance:</source>
        <translation>Offene Sitzungen auf der Appliance:</translation>
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
    <message>
        <source>the embedded appliance</source>
        <translation>die eingebettete Appliance</translation>
    </message>
    <message>
        <source>lost the connection to the appliance (%1): %2. The session is gone; the next build, run or session connects again.</source>
        <translation>Verbindung zur Appliance verloren (%1): %2. Die Sitzung ist weg; der nächste Build, Lauf oder die nächste Sitzung verbindet sich neu.</translation>
    </message>
    <message>
        <source>The host program ended; detached from its session.</source>
        <translation>Das Host-Programm ist beendet; von seiner Sitzung getrennt.</translation>
    </message>
    <message>
        <source>Detached; the host program goes on.</source>
        <translation>Getrennt; das Host-Programm läuft weiter.</translation>
    </message>
    <message>
        <source>The host program closed its session; detached.</source>
        <translation>Das Host-Programm hat seine Sitzung geschlossen; getrennt.</translation>
    </message>
    <message>
        <source>Analysis: %1</source>
        <translation>Analyse: %1</translation>
    </message>
    <message>
        <source>The program faulted: %1</source>
        <translation>Das Programm ist mit einem Fehler abgebrochen: %1</translation>
    </message>
    <message>
        <source>Detached from the previous host program.</source>
        <translation>Vom vorherigen Host-Programm getrennt.</translation>
    </message>
    <message>
        <source>End the open session before attaching to another.</source>
        <translation>Beenden Sie die offene Sitzung, bevor Sie sich an eine andere anhängen.</translation>
    </message>
    <message>
        <source>The host program&apos;s session has ended.</source>
        <translation>Die Sitzung des Host-Programms ist beendet.</translation>
    </message>
    <message>
        <source>Cannot attach: %1</source>
        <translation>Anhängen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Attached to the session of %1 (%2).</source>
        <translation>An die Sitzung von %1 (%2) angehängt.</translation>
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
    <message>
        <source>Cycle %1</source>
        <translation>Zyklus %1</translation>
    </message>
    <message>
        <source>No breakpoints. Choose what to break on above and press Add.</source>
        <translation>Keine Haltepunkte. Wählen Sie oben, worauf angehalten werden soll, und drücken Sie »Hinzufügen«.</translation>
    </message>
</context>
<context>
    <name>tessera::SimprintConsole</name>
    <message>
        <source>Follow selection</source>
        <translation>Auswahl folgen</translation>
    </message>
    <message>
        <source>PE or region, e.g. 3,1 or 0,0-3,2</source>
        <translation>PE oder Bereich, z. B. 3,1 oder 0,0-3,2</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Show only the lines of the PE selected in the fabric or a table</source>
        <translation>Nur die Zeilen des im Fabric oder in einer Tabelle ausgewählten PE anzeigen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
</context>
<context>
    <name>tessera::SimprintModel</name>
    <message>
        <source>Cycle</source>
        <translation>Zyklus</translation>
    </message>
    <message>
        <source>PE</source>
        <translation>PE</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
</context>
<context>
    <name>tessera::SramModel</name>
    <message>
        <source>hex bytes</source>
        <translation>Hex-Bytes</translation>
    </message>
    <message>
        <source>0x%1: no symbol</source>
        <translation>0x%1: kein Symbol</translation>
    </message>
    <message>
        <source>0x%1: %2[%3] (%4)</source>
        <translation>0x%1: %2[%3] (%4)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Symbole</translation>
    </message>
</context>
<context>
    <name>tessera::StallTable</name>
    <message>
        <source>Only the selection</source>
        <translation>Nur die Auswahl</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Ask the simulator what every PE waits for now</source>
        <translation>Den Simulator fragen, worauf jedes PE gerade wartet</translation>
    </message>
    <message>
        <source>Show only the waits of the selected PE and color</source>
        <translation>Nur die Wartezustände des ausgewählten PE und der ausgewählten Farbe anzeigen</translation>
    </message>
    <message>
        <source>Nothing waits at cycle %1.</source>
        <translation>Bei Zyklus %1 wartet nichts.</translation>
    </message>
    <message>
        <source>No wait states yet: pause the session.</source>
        <translation>Noch keine Wartezustände: Halten Sie die Sitzung an.</translation>
    </message>
    <message numerus="yes">
        <source>%n wait(s) at cycle %1%2</source>
        <translation>
            <numerusform>%n Wartezustand bei Zyklus %1%2</numerusform>
            <numerusform>%n Wartezustände bei Zyklus %1%2</numerusform>
        </translation>
    </message>
    <message>
        <source> (more not shown)</source>
        <translation> (weitere nicht angezeigt)</translation>
    </message>
</context>
<context>
    <name>tessera::StallTableModel</name>
    <message>
        <source>wavelets</source>
        <translation>Wavelets</translation>
    </message>
    <message>
        <source>control wavelets</source>
        <translation>Steuer-Wavelets</translation>
    </message>
    <message>
        <source>output queue room</source>
        <translation>Platz in der Ausgangswarteschlange</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>busy microthread</source>
        <translation>belegter Microthread</translation>
    </message>
    <message>
        <source>blocked data task</source>
        <translation>blockierter Daten-Task</translation>
    </message>
    <message>
        <source>switch position</source>
        <translation>Switch-Position</translation>
    </message>
    <message>
        <source>backpressure</source>
        <translation>Rückstau</translation>
    </message>
    <message>
        <source>router room</source>
        <translation>Platz im Router</translation>
    </message>
    <message>
        <source>unblock_cmd_stream</source>
        <translation>unblock_cmd_stream</translation>
    </message>
    <message>
        <source>host memcpy</source>
        <translation>Host-memcpy</translation>
    </message>
    <message>
        <source>PE</source>
        <translation>PE</translation>
    </message>
    <message>
        <source>Waiter</source>
        <translation>Wartender</translation>
    </message>
    <message>
        <source>Waits for</source>
        <translation>Wartet auf</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>Gehalten von</translation>
    </message>
    <message>
        <source>Holder state</source>
        <translation>Zustand des Halters</translation>
    </message>
    <message>
        <source>Cycles waited</source>
        <translation>Gewartete Zyklen</translation>
    </message>
    <message>
        <source>
at %1</source>
        <translation>
in %1</translation>
    </message>
    <message>
        <source>
Held by PE %1: %2</source>
        <translation>
Gehalten von PE %1: %2</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>tessera::SymbolHeatMapPanel</name>
    <message>
        <source>Linear, data range</source>
        <translation>Linear, Datenbereich</translation>
    </message>
    <message>
        <source>Linear, fixed limits</source>
        <translation>Linear, feste Grenzen</translation>
    </message>
    <message>
        <source>Logarithmic (log10 |v|)</source>
        <translation>Logarithmisch (log10 |v|)</translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation>Symbol:</translation>
    </message>
    <message>
        <source>Element:</source>
        <translation>Element:</translation>
    </message>
    <message>
        <source>Colour scale:</source>
        <translation>Farbskala:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Limits:</source>
        <translation>Grenzen:</translation>
    </message>
    <message>
        <source>Choose a symbol to colour the fabric by its value.</source>
        <translation>Wählen Sie ein Symbol, um das Fabric nach seinem Wert einzufärben.</translation>
    </message>
    <message>
        <source>Open a core dump first.</source>
        <translation>Öffnen Sie zuerst einen Core-Dump.</translation>
    </message>
    <message>
        <source>log10 |%1[%2]|</source>
        <translation>log10 |%1[%2]|</translation>
    </message>
    <message>
        <source>%1[%2]</source>
        <translation>%1[%2]</translation>
    </message>
    <message>
        <source>No PE has element %1 of %2.</source>
        <translation>Kein PE hat Element %1 von %2.</translation>
    </message>
    <message>
        <source>%1 of %2 PEs have %3.</source>
        <translation>%1 von %2 PEs haben %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) skipped as unreadable; first: %1</source>
        <translation>
            <numerusform>%n nicht lesbares PE übersprungen; erstes: %1</numerusform>
            <numerusform>%n nicht lesbare PEs übersprungen; erstes: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::SymbolNavigator</name>
    <message>
        <source>function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>param</source>
        <translation>param</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>Konstante</translation>
    </message>
    <message>
        <source>variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>enum member</source>
        <translation>Enum-Wert</translation>
    </message>
    <message>
        <source>From %1.</source>
        <translation>Aus %1.</translation>
    </message>
    <message>
        <source>member of %1</source>
        <translation>Mitglied von %1</translation>
    </message>
</context>
<context>
    <name>tessera::TaskProfileModel</name>
    <message>
        <source>launch</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>init</source>
        <translation>init</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>PEs</source>
        <translation>PEs</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Aktivierungen</translation>
    </message>
    <message>
        <source>Self cycles</source>
        <translation>Eigene Zyklen</translation>
    </message>
    <message>
        <source>Min cycles</source>
        <translation>Min. Zyklen</translation>
    </message>
    <message>
        <source>Max cycles</source>
        <translation>Max. Zyklen</translation>
    </message>
    <message>
        <source>Avg cycles</source>
        <translation>Mittl. Zyklen</translation>
    </message>
</context>
<context>
    <name>tessera::TaskProfilePanel</name>
    <message>
        <source>Region:</source>
        <translation>Bereich:</translation>
    </message>
    <message>
        <source>Open a core dump first.</source>
        <translation>Öffnen Sie zuerst einen Core-Dump.</translation>
    </message>
    <message>
        <source>The region lies outside the program rectangle.</source>
        <translation>Der Bereich liegt außerhalb des Programmrechtecks.</translation>
    </message>
    <message>
        <source>This dump (version %1) has no task counters.</source>
        <translation>Dieser Dump (Version %1) hat keine Task-Zähler.</translation>
    </message>
    <message>
        <source>PEs %1,%2 to %3,%4 (%5 PEs).</source>
        <translation>PEs %1,%2 bis %3,%4 (%5 PEs).</translation>
    </message>
    <message>
        <source>Type a region as x0,y0 x1,y1 or a single PE as x,y.</source>
        <translation>Geben Sie einen Bereich als x0,y0 x1,y1 oder ein einzelnes PE als x,y ein.</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) left out as unreadable; first: %1</source>
        <translation>
            <numerusform>%n nicht lesbares PE ausgelassen; erstes: %1</numerusform>
            <numerusform>%n nicht lesbare PEs ausgelassen; erstes: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>x0,y0 x1,y1 (empty = all PEs)</source>
        <translation>x0,y0 x1,y1 (leer = alle PEs)</translation>
    </message>
    <message>
        <source>Fabric coordinates of two opposite corners, e.g. 4,1 6,3, or Shift+drag a rectangle on the fabric view; empty = all PEs</source>
        <translation>Fabric-Koordinaten zweier gegenüberliegender Ecken, z. B. 4,1 6,3, oder ziehen Sie mit Umschalt ein Rechteck in der Fabric-Ansicht auf; leer = alle PEs</translation>
    </message>
</context>
<context>
    <name>tessera::TimelinePanel</name>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>Trace the run: record every instruction, wavelet and stall of the session&apos;s program up to the cycle it is at</source>
        <translation>Den Lauf aufzeichnen: jeden Befehl, jedes Wavelet und jeden Wartezustand des Sitzungsprogramms bis zum aktuellen Zyklus erfassen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole traced run (Home)</source>
        <translation>Den ganzen aufgezeichneten Lauf zeigen (Pos1)</translation>
    </message>
    <message>
        <source>Tracing is on: the trace comes at the next pause.</source>
        <translation>Trace ist eingeschaltet: Der Trace erscheint bei der nächsten Pause.</translation>
    </message>
    <message>
        <source>Tracing is off.</source>
        <translation>Trace ist ausgeschaltet.</translation>
    </message>
    <message>
        <source>%1 · %2 trace lines (%3)</source>
        <translation>%1 · %2 Trace-Zeilen (%3)</translation>
    </message>
    <message>
        <source> · sampled: %1 of %2 blocks read, zoom in for every event</source>
        <translation> · Stichprobe: %1 von %2 Blöcken gelesen, für alle Ereignisse hineinzoomen</translation>
    </message>
</context>
<context>
    <name>tessera::TimelineView</name>
    <message>
        <source>launch %1</source>
        <translation>Start %1</translation>
    </message>
    <message>
        <source>init %1</source>
        <translation>init %1</translation>
    </message>
    <message>
        <source>T%1 %2</source>
        <translation>T%1 %2</translation>
    </message>
    <message>
        <source>north</source>
        <translation>Norden</translation>
    </message>
    <message>
        <source>south</source>
        <translation>Süden</translation>
    </message>
    <message>
        <source>east</source>
        <translation>Osten</translation>
    </message>
    <message>
        <source>west</source>
        <translation>Westen</translation>
    </message>
    <message>
        <source>@%1 pc 0x%2 %3</source>
        <translation>@%1 pc 0x%2 %3</translation>
    </message>
    <message>
        <source>@%1 wavelet on color %2 in from the %3</source>
        <translation>@%1 Wavelet auf Farbe %2, eingehend von %3</translation>
    </message>
    <message>
        <source>@%1 wavelet on color %2 out to the %3</source>
        <translation>@%1 Wavelet auf Farbe %2, ausgehend nach %3</translation>
    </message>
    <message>
        <source>@%1 %2</source>
        <translation>@%1 %2</translation>
    </message>
    <message>
        <source>C%1 in</source>
        <translation>C%1 ein</translation>
    </message>
    <message>
        <source>C%1 out</source>
        <translation>C%1 aus</translation>
    </message>
    <message>
        <source>stalls</source>
        <translation>Wartezustände</translation>
    </message>
    <message>
        <source>No trace. Turn on Trace to record this run&apos;s instructions and wavelets.</source>
        <translation>Kein Trace. Schalten Sie „Trace“ ein, um die Befehle und Wavelets dieses Laufs aufzuzeichnen.</translation>
    </message>
    <message>
        <source>Select a PE to see its timeline.</source>
        <translation>Wählen Sie ein PE, um seine Zeitleiste zu sehen.</translation>
    </message>
    <message>
        <source>PE %1,%2 ran no instruction and moved no wavelet in the traced cycles.</source>
        <translation>PE %1,%2 hat in den aufgezeichneten Zyklen keinen Befehl ausgeführt und kein Wavelet bewegt.</translation>
    </message>
    <message>
        <source>PE %1,%2 (sampled)</source>
        <translation>PE %1,%2 (Stichprobe)</translation>
    </message>
    <message>
        <source>PE %1,%2 · cycle</source>
        <translation>PE %1,%2 · Zyklus</translation>
    </message>
    <message>
        <source>%1 · cycle %2</source>
        <translation>%1 · Zyklus %2</translation>
    </message>
    <message>
        <source>%1 · cycles %2–%3</source>
        <translation>%1 · Zyklen %2–%3</translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… %n weiteres</numerusform>
            <numerusform>… %n weitere</numerusform>
        </translation>
    </message>
</context>
</TS>
