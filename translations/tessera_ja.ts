<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AutosaveStore</name>
    <message>
        <source>Cannot autosave %1 to %2: %3</source>
        <translation>%1 を %2 に自動保存できません: %3</translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>%1: &quot;%2&quot; must be %3.</source>
        <translation>%1: &quot;%2&quot; は %3 でなければなりません。</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>an array of two non-negative integers, e.g. [8, 3]</source>
        <translation>2 つの非負整数の配列（例: [8, 3]）</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>文字列の配列</translation>
    </message>
    <message>
        <source>%1:%2:%3: not valid JSON: %4</source>
        <translation>%1:%2:%3: 不正な JSON です: %4</translation>
    </message>
    <message>
        <source>%1: the project file must hold a JSON object.</source>
        <translation>%1: プロジェクトファイルには JSON オブジェクトが必要です。</translation>
    </message>
    <message>
        <source>%1: &quot;version&quot; must be a positive integer.</source>
        <translation>%1: &quot;version&quot; は正の整数でなければなりません。</translation>
    </message>
    <message>
        <source>%1: project format version %2 is newer than this Tessera understands (%3).</source>
        <translation>%1: プロジェクト形式のバージョン %2 は、この Tessera が扱えるバージョン (%3) より新しいです。</translation>
    </message>
    <message>
        <source>%1: &quot;layout&quot; must be a path inside the project folder, not &quot;%2&quot;.</source>
        <translation>%1: &quot;layout&quot; はプロジェクトフォルダー内のパスでなければなりません（&quot;%2&quot; は不可）。</translation>
    </message>
    <message>
        <source>%1: &quot;compile&quot; must be an object.</source>
        <translation>%1: &quot;compile&quot; はオブジェクトでなければなりません。</translation>
    </message>
    <message>
        <source>%1: &quot;compile.arch&quot; must be &quot;wse2&quot; or &quot;wse3&quot;, not &quot;%2&quot;.</source>
        <translation>%1: &quot;compile.arch&quot; は &quot;wse2&quot; または &quot;wse3&quot; でなければなりません（&quot;%2&quot; は不可）。</translation>
    </message>
    <message>
        <source>%1: &quot;compile.memcpy&quot; must be true or false.</source>
        <translation>%1: &quot;compile.memcpy&quot; は true か false でなければなりません。</translation>
    </message>
    <message>
        <source>%1: &quot;compile.channels&quot; must be an integer from 1 to 16.</source>
        <translation>%1: &quot;compile.channels&quot; は 1 から 16 までの整数でなければなりません。</translation>
    </message>
    <message>
        <source>%1: &quot;compile.params&quot; must be an object of name: value.</source>
        <translation>%1: &quot;compile.params&quot; は 名前: 値 のオブジェクトでなければなりません。</translation>
    </message>
    <message>
        <source>%1: &quot;compile.params.%2&quot; must be a number or a string.</source>
        <translation>%1: &quot;compile.params.%2&quot; は数値か文字列でなければなりません。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 は存在しません。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1: no compiled program found next to the dump; build the project that produced it first</source>
        <translation>%1: ダンプと同じ場所にコンパイル済みプログラムが見つかりません。先にダンプを生成したプロジェクトをビルドしてください</translation>
    </message>
    <message>
        <source>data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>local</source>
        <translation>ローカル</translation>
    </message>
    <message>
        <source>control</source>
        <translation>制御</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>An IDE for Cerebras SDK (CSL) programs.</source>
        <translation>Cerebras SDK (CSL) プログラムのための IDE。</translation>
    </message>
    <message>
        <source>A project folder, its tessera.json, or a file to open.</source>
        <translation>開くプロジェクトフォルダー、その tessera.json、またはファイル。</translation>
    </message>
    <message>
        <source>Render the window to a PNG file and exit.</source>
        <translation>ウィンドウを PNG ファイルに描画して終了します。</translation>
    </message>
    <message>
        <source>Window size for --screenshot.</source>
        <translation>--screenshot 用のウィンドウサイズ。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Print the time from start to the first painted frame and exit (scripts/bench).</source>
        <translation>起動から最初のフレームを描画するまでの時間を出力して終了します (scripts/bench)。</translation>
    </message>
</context>
<context>
    <name>tessera</name>
    <message>
        <source>Instructions executed</source>
        <translation>実行された命令数</translation>
    </message>
    <message>
        <source>Wavelets routed</source>
        <translation>ルーティングされたウェーブレット数</translation>
    </message>
    <message>
        <source>Stall cycles</source>
        <translation>ストールサイクル数</translation>
    </message>
    <message>
        <source>SRAM used (bytes)</source>
        <translation>使用 SRAM（バイト）</translation>
    </message>
    <message>
        <source>Unknown metric</source>
        <translation>不明な指標</translation>
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
        <translation>カスタム値</translation>
    </message>
    <message>
        <source>Link congestion (wavelets per cycle)</source>
        <translation>リンクの混雑度（サイクルあたりのウェーブレット数）</translation>
    </message>
</context>
<context>
    <name>tessera::ActivityHeatBar</name>
    <message>
        <source>Activity over time (instructions and wavelets per cycle); click or drag to replay from there</source>
        <translation>アクティビティの推移（サイクルあたりの命令数とウェーブレット数）。クリックまたはドラッグすると、その位置からリプレイします</translation>
    </message>
    <message>
        <source>No recording yet</source>
        <translation>まだ記録がありません</translation>
    </message>
</context>
<context>
    <name>tessera::AnalysisWorkbench</name>
    <message>
        <source>Colour-&amp;Blind-Safe Palette</source>
        <translation>色覚バリアフリーのパレット(&amp;B)</translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation>ストール</translation>
    </message>
    <message>
        <source>Simprint</source>
        <translation>Simprint</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>リプレイ</translation>
    </message>
    <message>
        <source>Fabric colours that stay apart with red-green and blue-yellow colour blindness</source>
        <translation>赤緑・青黄の色覚特性でも区別できるファブリックの配色</translation>
    </message>
    <message numerus="yes">
        <source>(%n earlier simprint line(s) left the simulator&apos;s window of the newest %1 before the console fetched them)</source>
        <translation>
            <numerusform>(以前の simprint 行 %n 行は、コンソールが取得する前にシミュレーターの最新 %1 のウィンドウから外れました)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::CompileLog</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>cslc command line of the last build</source>
        <translation>前回のビルドの cslc コマンドライン</translation>
    </message>
    <message>
        <source>The equivalent cslc command, run from the project folder</source>
        <translation>プロジェクトフォルダーで実行する同等の cslc コマンド</translation>
    </message>
    <message>
        <source>Compiling…</source>
        <translation>コンパイル中…</translation>
    </message>
</context>
<context>
    <name>tessera::CslEditor</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>builtin</source>
        <translation>組み込み</translation>
    </message>
</context>
<context>
    <name>tessera::CslLexer</name>
    <message>
        <source>Default</source>
        <translation>デフォルト</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>キーワード</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Builtin</source>
        <translation>組み込み関数</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>String</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>Multiline string</source>
        <translation>複数行文字列</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>演算子</translation>
    </message>
</context>
<context>
    <name>tessera::DiagnosticsModel</name>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>note</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
</context>
<context>
    <name>tessera::DumpCompareModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%2 中 %1</translation>
    </message>
    <message>
        <source>PE</source>
        <translation>PE</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>シンボル</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>First differing element</source>
        <translation>最初に異なる要素</translation>
    </message>
    <message>
        <source>Dump A</source>
        <translation>ダンプ A</translation>
    </message>
    <message>
        <source>Dump B</source>
        <translation>ダンプ B</translation>
    </message>
    <message>
        <source>Elements differing</source>
        <translation>異なる要素数</translation>
    </message>
</context>
<context>
    <name>tessera::DumpComparePanel</name>
    <message>
        <source>Compare all PEs</source>
        <translation>すべての PE を比較</translation>
    </message>
    <message>
        <source>A: %1
B: %2</source>
        <translation>A: %1
B: %2</translation>
    </message>
    <message>
        <source>Open two core dumps of one program to compare them.</source>
        <translation>比較するには、同じプログラムのコアダンプを 2 つ開いてください。</translation>
    </message>
    <message>
        <source>The dumps agree on every symbol of all %1 PEs.</source>
        <translation>2 つのダンプは全 %1 個の PE のすべてのシンボルで一致しています。</translation>
    </message>
    <message>
        <source>%1 of %2 PEs differ (shown on the fabric); %3 differing symbols listed from %4 PEs compared so far.</source>
        <translation>%2 個中 %1 個の PE が異なります（ファブリック上に表示）。これまでに比較した %4 個の PE から、異なるシンボルを %3 個表示しています。</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) could not be compared (no value on the fabric); first: %1</source>
        <translation>
            <numerusform>%n 個の PE を比較できませんでした (ファブリック上に値なし)。最初: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::EditorPane</name>
    <message>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Keep Editor Version</source>
        <translation>エディターの内容を保持</translation>
    </message>
    <message>
        <source>%1 has no file name yet; use Save As.</source>
        <translation>%1 にはまだファイル名がありません。「名前を付けて保存」を使ってください。</translation>
    </message>
    <message>
        <source>%1 was deleted or renamed by another program. Save to write it again.</source>
        <translation>%1 は別のプログラムによって削除または名前変更されました。保存すると再び書き込まれます。</translation>
    </message>
    <message>
        <source>%1 was changed on disk by another program.</source>
        <translation>%1 はディスク上で別のプログラムによって変更されました。</translation>
    </message>
    <message>
        <source>Reloading discards your unsaved changes.</source>
        <translation>再読み込みすると未保存の変更は破棄されます。</translation>
    </message>
</context>
<context>
    <name>tessera::ExampleThumbnails</name>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>一時フォルダーを作成できません: %1</translation>
    </message>
    <message>
        <source>%1: cannot compile: %2</source>
        <translation>%1: コンパイルできません: %2</translation>
    </message>
    <message>
        <source>%1 does not compile: %2</source>
        <translation>%1 はコンパイルできません: %2</translation>
    </message>
</context>
<context>
    <name>tessera::ExamplesGallery</name>
    <message>
        <source>Open Example</source>
        <translation>サンプルを開く</translation>
    </message>
    <message>
        <source>Save the changes of the open project before opening the example?</source>
        <translation>サンプルを開く前に、開いているプロジェクトの変更を保存しますか?</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>中止しました。</translation>
    </message>
    <message>
        <source>There is no bundled example named &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; という名前の同梱サンプルはありません。</translation>
    </message>
    <message>
        <source>%1 already exists and is not empty.</source>
        <translation>%1 はすでに存在し、空ではありません。</translation>
    </message>
    <message>
        <source>Cannot copy the example to %1.</source>
        <translation>サンプルを %1 にコピーできません。</translation>
    </message>
    <message>
        <source>%1 already exists and holds files.</source>
        <translation>%1 はすでに存在し、ファイルが入っています。</translation>
    </message>
    <message>
        <source>Replace the example&apos;s files in it (your other files stay), or open the folder as it is?</source>
        <translation>フォルダー内のサンプルのファイルを置き換えますか（他のファイルはそのまま残ります）? それともフォルダーをそのまま開きますか?</translation>
    </message>
    <message>
        <source>Replace Files</source>
        <translation>ファイルを置き換える</translation>
    </message>
    <message>
        <source>Open As It Is</source>
        <translation>そのまま開く</translation>
    </message>
    <message>
        <source>&amp;Open, Build and Run</source>
        <translation>開いてビルドし実行(&amp;O)</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Compiling…</source>
        <translation>コンパイル中…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Copy the example to the folder, open it, build it and run run.py</source>
        <translation>サンプルをフォルダーにコピーして開き、ビルドして run.py を実行します</translation>
    </message>
    <message>
        <source>Copy to:</source>
        <translation>コピー先:</translation>
    </message>
    <message>
        <source>Copy the Example Into</source>
        <translation>サンプルのコピー先</translation>
    </message>
    <message>
        <source>%1 has neither run.py nor a function without arguments to launch.</source>
        <translation>%1 には run.py も、起動できる引数なしの関数もありません。</translation>
    </message>
</context>
<context>
    <name>tessera::FabricLayerModel</name>
    <message>
        <source>Code classes</source>
        <translation>コードクラス</translation>
    </message>
    <message>
        <source>A colour per tile file and param values</source>
        <translation>タイルファイルとパラメーター値ごとに 1 色</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Program rectangle and memcpy</source>
        <translation>プログラム矩形と memcpy</translation>
    </message>
    <message>
        <source>The program rectangle, its one-PE halo and the memcpy columns</source>
        <translation>プログラム矩形、その 1 PE 幅のハロー、memcpy 列</translation>
    </message>
    <message>
        <source>Program rectangle</source>
        <translation>プログラム矩形</translation>
    </message>
    <message>
        <source>Halo</source>
        <translation>ハロー</translation>
    </message>
    <message>
        <source>Memcpy columns</source>
        <translation>memcpy 列</translation>
    </message>
    <message>
        <source>Routes: color %1</source>
        <translation>ルート: カラー %1</translation>
    </message>
    <message>
        <source>Memcpy regions</source>
        <translation>memcpy 領域</translation>
    </message>
    <message>
        <source>Regions of interest of recent (solid) and pending (dashed) transfers</source>
        <translation>直近（実線）と保留中（破線）の転送の対象領域</translation>
    </message>
    <message>
        <source>H2D: host to device</source>
        <translation>H2D: ホストからデバイスへ</translation>
    </message>
    <message>
        <source>D2H: device to host</source>
        <translation>D2H: デバイスからホストへ</translation>
    </message>
    <message>
        <source>Heat: %1</source>
        <translation>ヒートマップ: %1</translation>
    </message>
    <message>
        <source>Per-PE %1 sampled from the simulator</source>
        <translation>シミュレーターから取得した PE ごとの %1</translation>
    </message>
    <message>
        <source>Breakpoints</source>
        <translation>ブレークポイント</translation>
    </message>
    <message>
        <source>PEs with a breakpoint</source>
        <translation>ブレークポイントのある PE</translation>
    </message>
    <message>
        <source>Breakpoint</source>
        <translation>ブレークポイント</translation>
    </message>
    <message>
        <source>Waiting PEs</source>
        <translation>待機中の PE</translation>
    </message>
    <message>
        <source>PEs the hang report names as waiting</source>
        <translation>ハングレポートが待機中とする PE</translation>
    </message>
    <message>
        <source>Waiting (hang report)</source>
        <translation>待機中（ハングレポート）</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) route color %1; arrows show rx and tx, a square marks switch positions</source>
        <translation>
            <numerusform>%n 個の PE がカラー %1 をルーティング。矢印は rx と tx、四角はスイッチ位置を示します</numerusform>
        </translation>
    </message>
    <message>
        <source>color %1: rx/tx arrows</source>
        <translation>カラー %1: rx/tx の矢印</translation>
    </message>
    <message>
        <source>Per-PE %1</source>
        <translation>PE ごとの %1</translation>
    </message>
</context>
<context>
    <name>tessera::FabricLayerPanel</name>
    <message>
        <source>Jump to PE: x, y</source>
        <translation>PE へ移動: x, y</translation>
    </message>
    <message>
        <source>Fabric coordinates of the PE to centre and select, e.g. 12, 5</source>
        <translation>中央に表示して選択する PE のファブリック座標（例: 12, 5）</translation>
    </message>
    <message>
        <source>Layers: check to show</source>
        <translation>レイヤー: チェックで表示</translation>
    </message>
</context>
<context>
    <name>tessera::FabricRenderer</name>
    <message>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <source>S</source>
        <translation>南</translation>
    </message>
    <message>
        <source>E</source>
        <translation>東</translation>
    </message>
    <message>
        <source>W</source>
        <translation>西</translation>
    </message>
    <message>
        <source>RAMP</source>
        <translation>RAMP</translation>
    </message>
    <message>
        <source>stream on color %1</source>
        <translation>カラー %1 でのストリーム</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>%1 %2 %3 · %4×%5 PEs × %6 = %7 elements, %8</source>
        <translation>%1 %2 %3 · %4×%5 PE × %6 = %7 要素, %8</translation>
    </message>
    <message>
        <source>PE (%1, %2)</source>
        <translation>PE (%1, %2)</translation>
    </message>
    <message>
        <source>rectangle (%1, %2)</source>
        <translation>矩形 (%1, %2)</translation>
    </message>
    <message>
        <source>class %1: %2</source>
        <translation>クラス %1: %2</translation>
    </message>
    <message>
        <source>class %1: %2 (%3)</source>
        <translation>クラス %1: %2 (%3)</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>コードなし</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>memcpy column</source>
        <translation>memcpy 列</translation>
    </message>
    <message>
        <source>halo</source>
        <translation>ハロー</translation>
    </message>
    <message>
        <source>outside the program rectangle</source>
        <translation>プログラム矩形の外</translation>
    </message>
    <message>
        <source>color %1 rx %2 tx %3</source>
        <translation>カラー %1 rx %2 tx %3</translation>
    </message>
    <message>
        <source>color %1</source>
        <translation>カラー %1</translation>
    </message>
    <message>
        <source>breakpoint: %1</source>
        <translation>ブレークポイント: %1</translation>
    </message>
    <message>
        <source>waiting: %1</source>
        <translation>待機中: %1</translation>
    </message>
</context>
<context>
    <name>tessera::FabricSnapshot</name>
    <message>
        <source>fabric size %1x%2 is empty</source>
        <translation>ファブリックサイズ %1x%2 は空です</translation>
    </message>
    <message>
        <source>program rectangle %1x%2 at %3 lies outside the %4x%5 fabric</source>
        <translation>%3 のプログラム矩形 %1x%2 が %4x%5 のファブリックの外にあります</translation>
    </message>
    <message>
        <source>codeClass has %1 entries, the rectangle has %2 PEs</source>
        <translation>codeClass には %1 個の項目がありますが、矩形には %2 個の PE があります</translation>
    </message>
    <message>
        <source>PE %1 has code class %2, but there are %3 classes</source>
        <translation>PE %1 のコードクラスは %2 ですが、クラスは %3 個しかありません</translation>
    </message>
    <message>
        <source>route color %1 is outside 0..%2</source>
        <translation>ルートのカラー %1 が 0..%2 の範囲外です</translation>
    </message>
    <message>
        <source>route of color %1 at PE %2 lies outside the fabric</source>
        <translation>PE %2 のカラー %1 のルートがファブリックの外にあります</translation>
    </message>
    <message>
        <source>route of color %1 at PE %2 has an unknown direction bit</source>
        <translation>PE %2 のカラー %1 のルートに不明な方向ビットがあります</translation>
    </message>
    <message>
        <source>memcpy region %1x%2 at %3 lies outside the %4x%5 program rectangle</source>
        <translation>%3 の memcpy 領域 %1x%2 が %4x%5 のプログラム矩形の外にあります</translation>
    </message>
    <message>
        <source>heat map &quot;%1&quot; has %2 values, the rectangle has %3 PEs</source>
        <translation>ヒートマップ &quot;%1&quot; には %2 個の値がありますが、矩形には %3 個の PE があります</translation>
    </message>
    <message>
        <source>heat map metric %1 is unknown</source>
        <translation>ヒートマップの指標 %1 は不明です</translation>
    </message>
    <message>
        <source>waiting PE %1 lies outside the fabric</source>
        <translation>待機中の PE %1 がファブリックの外にあります</translation>
    </message>
    <message>
        <source>breakpoint at PE %1 lies outside the fabric</source>
        <translation>PE %1 のブレークポイントがファブリックの外にあります</translation>
    </message>
</context>
<context>
    <name>tessera::FabricView</name>
    <message>
        <source>No program yet. Build the project (Ctrl+B) to see its PEs, routes and memcpy regions here.</source>
        <translation>まだプログラムがありません。プロジェクトをビルドする (Ctrl+B) と、ここに PE、ルート、memcpy 領域が表示されます。</translation>
    </message>
</context>
<context>
    <name>tessera::FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>置換後の文字列</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>大文字と小文字を区別</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>単語単位</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正規表現</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>置換</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>すべて置換</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>閉じる (Esc)</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s)</source>
        <translation>
            <numerusform>%n 件置換しました</numerusform>
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
        <translation>%1、要素 %2: %3</translation>
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
        <translation>エクスポートされた変数 (ホストから変更可能) またはストリーミングカラー (MEMCPYH2D_*)</translation>
    </message>
    <message>
        <source>An exported variable or a streaming color (MEMCPYD2H_*)</source>
        <translation>エクスポートされた変数またはストリーミングカラー (MEMCPYD2H_*)</translation>
    </message>
    <message>
        <source>elem_per_pe: values each PE of the ROI sends or receives</source>
        <translation>elem_per_pe: ROI 内の各 PE が送受信する値の数</translation>
    </message>
    <message>
        <source>How the values are read and shown; also the .npy dtype on save</source>
        <translation>値の読み取りと表示に使う型。保存時には .npy の dtype にもなります</translation>
    </message>
    <message>
        <source>memcpy data_type: 16-bit data travels zero-extended in 32-bit words</source>
        <translation>memcpy の data_type: 16 ビットのデータは 32 ビットワードにゼロ拡張されて転送されます</translation>
    </message>
    <message>
        <source>memcpy order on the wire; the panel&apos;s data is always (h, w, elements) PE by PE</source>
        <translation>転送時の memcpy の順序。パネルのデータは常に PE ごとの (h, w, elements) です</translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation>コピー先:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>コピー元:</translation>
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
        <translation>PE あたりの要素数:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>型:</translation>
    </message>
    <message>
        <source>Data type:</source>
        <translation>データ型:</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>順序:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>streaming, color %1</source>
        <translation>ストリーミング、カラー %1</translation>
    </message>
    <message>
        <source>The program exports no variable the host may write and no streaming color.</source>
        <translation>プログラムは、ホストが書き込める変数もストリーミングカラーもエクスポートしていません。</translation>
    </message>
    <message>
        <source>The program exports no variable and no streaming color.</source>
        <translation>プログラムは変数もストリーミングカラーもエクスポートしていません。</translation>
    </message>
    <message>
        <source>ROI (x %1, y %2, w %3, h %4) lies outside the %5×%6 program rectangle.</source>
        <translation>ROI (x %1, y %2, w %3, h %4) が %5×%6 のプログラム矩形の外にあります。</translation>
    </message>
    <message>
        <source>Data type %1 does not fit element type %2: choose a %3-bit type (%4) or %5.</source>
        <translation>データ型 %1 は要素型 %2 に合いません: %3 ビットの型 (%4) を選ぶか、%5 を選んでください。</translation>
    </message>
    <message>
        <source>Box (memcpy_h2d)</source>
        <translation>矩形 (memcpy_h2d)</translation>
    </message>
    <message>
        <source>Row broadcast (memcpy_h2d_rowbcast)</source>
        <translation>行ブロードキャスト (memcpy_h2d_rowbcast)</translation>
    </message>
    <message>
        <source>Column broadcast (memcpy_h2d_colbcast)</source>
        <translation>列ブロードキャスト (memcpy_h2d_colbcast)</translation>
    </message>
    <message>
        <source>Strided (memcpy_h2d_stride)</source>
        <translation>ストライド (memcpy_h2d_stride)</translation>
    </message>
    <message>
        <source>Row, column stride:</source>
        <translation>行・列ストライド:</translation>
    </message>
    <message>
        <source>row_stride: every row_stride-th row of the ROI receives a block, from its first row</source>
        <translation>row_stride: ROI の最初の行から row_stride 行ごとに 1 ブロックを受け取ります</translation>
    </message>
    <message>
        <source>col_stride: every col_stride-th column of the ROI receives a block, from its first column</source>
        <translation>col_stride: ROI の最初の列から col_stride 列ごとに 1 ブロックを受け取ります</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>形状:</translation>
    </message>
    <message>
        <source>A streaming color takes box copies only: broadcast and strided copies write an exported variable.</source>
        <translation>ストリーミングカラーは矩形コピーのみ受け付けます。ブロードキャストとストライドのコピーはエクスポートされた変数に書き込みます。</translation>
    </message>
    <message>
        <source>Box: one block per PE. Row broadcast: one block per row of PEs, sent to every PE of the row. Column broadcast: one block per column. Strided: one block per PE on every row stride-th row and column stride-th column of the ROI.</source>
        <translation>矩形: PE ごとに 1 ブロック。行ブロードキャスト: PE の行ごとに 1 ブロックを、その行のすべての PE に送ります。列ブロードキャスト: 列ごとに 1 ブロック。ストライド: ROI の行ストライドごとの行と列ストライドごとの列にある PE ごとに 1 ブロック。</translation>
    </message>
    <message>
        <source>Broadcast and strided copies travel ROW_MAJOR; the PEs receive the same values in either order.</source>
        <translation>ブロードキャストとストライドのコピーは ROW_MAJOR で転送されます。どちらの順序でも PE が受け取る値は同じです。</translation>
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
        <translation>PE あたりの要素数</translation>
    </message>
    <message>
        <source>Row stride</source>
        <translation>行ストライド</translation>
    </message>
    <message>
        <source>Column stride</source>
        <translation>列ストライド</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2。</translation>
    </message>
    <message>
        <source>Give as many values, in this order: an expression, a CSV file, or a .npy file of shape %1.</source>
        <translation>この順序で同じ数の値を指定してください: 式、CSV ファイル、または形状 %1 の .npy ファイル。</translation>
    </message>
    <message>
        <source>Shape: a %1 copy writes an exported variable; streaming color %2 takes box copies only.</source>
        <translation>形状: %1 のコピーはエクスポートされた変数に書き込みます。ストリーミングカラー %2 は矩形コピーのみ受け付けます。</translation>
    </message>
</context>
<context>
    <name>tessera::HostSession</name>
    <message>
        <source>color %1</source>
        <translation>カラー %1</translation>
    </message>
    <message>
        <source>%1 (%2, %3) %4×%5 × %6 %7, %8, %9-bit</source>
        <translation>%1 (%2, %3) %4×%5 × %6 %7, %8, %9 ビット</translation>
    </message>
    <message>
        <source>box</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>row broadcast</source>
        <translation>行ブロードキャスト</translation>
    </message>
    <message>
        <source>column broadcast</source>
        <translation>列ブロードキャスト</translation>
    </message>
    <message>
        <source>strided</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <source>strided (row %1, column %2)</source>
        <translation>ストライド (行 %1、列 %2)</translation>
    </message>
    <message>
        <source>Host array (%1, %2, %3): 1 value</source>
        <translation>ホスト配列 (%1, %2, %3): 1 個の値</translation>
    </message>
    <message>
        <source>Host array (%1, %2, %3): %4 values</source>
        <translation>ホスト配列 (%1, %2, %3): %4 個の値</translation>
    </message>
    <message>
        <source>one block of %1 per PE of the ROI, row by row.</source>
        <translation>ROI の PE ごとに %1 個のブロック (行順)。</translation>
    </message>
    <message>
        <source>one block of %1 per row of PEs of the ROI; every PE of a row receives its row&apos;s block.</source>
        <translation>ROI の PE の行ごとに %1 個のブロック。行のすべての PE がその行のブロックを受け取ります。</translation>
    </message>
    <message>
        <source>one block of %1 per column of PEs of the ROI; every PE of a column receives its column&apos;s block.</source>
        <translation>ROI の PE の列ごとに %1 個のブロック。列のすべての PE がその列のブロックを受け取ります。</translation>
    </message>
    <message>
        <source>one block of %1 per PE in rows %2 and columns %3 of the ROI (%4 × %5 PEs); the other PEs keep their values.</source>
        <translation>ROI の行 %2・列 %3 にある PE ごとに %1 個のブロック (%4 × %5 PE)。その他の PE は値を保持します。</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 または %2</translation>
    </message>
</context>
<context>
    <name>tessera::HostSessionActions</name>
    <message>
        <source>Host Session</source>
        <translation>ホストセッション</translation>
    </message>
    <message>
        <source>H&amp;ost Session…</source>
        <translation>ホストセッション(&amp;O)…</translation>
    </message>
    <message>
        <source>Drive the built program from the IDE: memcpy to and from the device and launch functions, without a run.py</source>
        <translation>ビルドしたプログラムを IDE から操作します: run.py なしで、デバイスとの間の memcpy や関数の起動を行えます</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 が失敗しました: %2</translation>
    </message>
    <message>
        <source>Build the project first.</source>
        <translation>先にプロジェクトをビルドしてください。</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>ロード</translation>
    </message>
    <message>
        <source>Loaded and running (session %1).</source>
        <translation>ロードして実行中です (セッション %1)。</translation>
    </message>
    <message>
        <source>Host session</source>
        <translation>ホストセッション</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>アンロード</translation>
    </message>
    <message>
        <source>Stopped; the session is closed.</source>
        <translation>停止しました。セッションは閉じられています。</translation>
    </message>
    <message>
        <source>The session is closed (stop: %1).</source>
        <translation>セッションは閉じられました (stop: %1)。</translation>
    </message>
    <message>
        <source>no session is loaded</source>
        <translation>セッションがロードされていません</translation>
    </message>
    <message>
        <source>launch %1</source>
        <translation>launch %1</translation>
    </message>
    <message>
        <source>launch %1 finished in %2 ms.</source>
        <translation>launch %1 が %2 ms で完了しました。</translation>
    </message>
    <message>
        <source>memcpy_d2h</source>
        <translation>memcpy_d2h</translation>
    </message>
    <message>
        <source>memcpy_d2h %1: %2 values in %3 ms.</source>
        <translation>memcpy_d2h %1: %2 個の値を %3 ms で転送しました。</translation>
    </message>
    <message>
        <source>%1 %2: %3 values in %4 ms.</source>
        <translation>%1 %2: %3 個の値を %4 ms で転送。</translation>
    </message>
</context>
<context>
    <name>tessera::HostSessionPanel</name>
    <message>
        <source>&amp;Load</source>
        <translation>ロード(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Unload</source>
        <translation>アンロード(&amp;U)</translation>
    </message>
    <message>
        <source>Open a session on the built artifact: load and run, as SdkRuntime.load() and run() do</source>
        <translation>ビルドした成果物でセッションを開きます: SdkRuntime.load() と run() と同じく、ロードして実行します</translation>
    </message>
    <message>
        <source>Stop the session (SdkRuntime.stop()) and close it</source>
        <translation>セッションを停止 (SdkRuntime.stop()) して閉じます</translation>
    </message>
    <message>
        <source>Copy to Device</source>
        <translation>デバイスへコピー</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>起動</translation>
    </message>
    <message>
        <source>Copy from Device</source>
        <translation>デバイスからコピー</translation>
    </message>
    <message>
        <source>What the session did appears here.</source>
        <translation>セッションで行った操作がここに表示されます。</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>データ:</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>式</translation>
    </message>
    <message>
        <source>.npy file</source>
        <translation>.npy ファイル</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV ファイル</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Function:</source>
        <translation>関数:</translation>
    </message>
    <message>
        <source>SdkRuntime.launch(function, arguments…): runs until the function hands the command stream back</source>
        <translation>SdkRuntime.launch(function, arguments…): 関数がコマンドストリームを返すまで実行します</translation>
    </message>
    <message>
        <source>No data read yet.</source>
        <translation>まだデータを読み取っていません。</translation>
    </message>
    <message>
        <source>Rows: PEs</source>
        <translation>行: PE</translation>
    </message>
    <message>
        <source>Rows: elements</source>
        <translation>行: 要素</translation>
    </message>
    <message>
        <source>Save as .npy…</source>
        <translation>.npy として保存…</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>CSV として保存…</translation>
    </message>
    <message>
        <source>The project was rebuilt: Unload and Load to use the new artifact.</source>
        <translation>プロジェクトが再ビルドされました。新しい成果物を使うには、アンロードしてからロードしてください。</translation>
    </message>
    <message>
        <source>Loaded %1: %2×%3 PEs, %4 variables, %5 functions.</source>
        <translation>%1 をロードしました: %2×%3 個の PE、変数 %4 個、関数 %5 個。</translation>
    </message>
    <message>
        <source>Build the project, then Load its artifact to drive it from here.</source>
        <translation>プロジェクトをビルドしてから成果物をロードすると、ここから操作できます。</translation>
    </message>
    <message>
        <source>Not loaded. Load opens a session on %1.</source>
        <translation>未ロードです。ロードすると %1 でセッションを開きます。</translation>
    </message>
    <message>
        <source>%1  error: %2</source>
        <translation>%1  エラー: %2</translation>
    </message>
    <message>
        <source>path of a .npy file</source>
        <translation>.npy ファイルのパス</translation>
    </message>
    <message>
        <source>path of a CSV file</source>
        <translation>CSV ファイルのパス</translation>
    </message>
    <message>
        <source>Data to Copy to the Device</source>
        <translation>デバイスへコピーするデータ</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy);;All files (*)</source>
        <translation>NumPy 配列 (*.npy);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV ファイル (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The program exports no function.</source>
        <translation>プログラムは関数をエクスポートしていません。</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true または false</translation>
    </message>
    <message>
        <source>an integer (%1)</source>
        <translation>整数 (%1)</translation>
    </message>
    <message>
        <source>a number (%1)</source>
        <translation>数値 (%1)</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>空です</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not true, false, 1 or 0</source>
        <translation>「%1」は true、false、1、0 のいずれでもありません</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an integer</source>
        <translation>「%1」は整数ではありません</translation>
    </message>
    <message>
        <source>%1 is out of range %2…%3</source>
        <translation>%1 は範囲 %2…%3 の外です</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>「%1」は数値ではありません</translation>
    </message>
    <message>
        <source>%1 is too large for %2</source>
        <translation>%1 は %2 には大きすぎます</translation>
    </message>
    <message>
        <source>has type %1, which the host session cannot pass</source>
        <translation>型 %1 はホストセッションから渡せません</translation>
    </message>
    <message>
        <source>The program exports no function to launch.</source>
        <translation>プログラムは起動できる関数をエクスポートしていません。</translation>
    </message>
    <message>
        <source>Argument %1 (%2) of %3 %4.</source>
        <translation>%3 の引数 %1 (%2): %4。</translation>
    </message>
    <message>
        <source>%1 is not an exported function.</source>
        <translation>%1 はエクスポートされた関数ではありません。</translation>
    </message>
    <message>
        <source>Type an expression for the data, e.g. arange(0, %1).</source>
        <translation>データの式を入力してください (例: arange(0, %1))。</translation>
    </message>
    <message>
        <source>Choose the file that holds the data.</source>
        <translation>データを含むファイルを選んでください。</translation>
    </message>
    <message>
        <source>Copy to device: %1</source>
        <translation>デバイスへコピー: %1</translation>
    </message>
    <message>
        <source>Launch: %1</source>
        <translation>起動: %1</translation>
    </message>
    <message>
        <source>Copy from device: %1</source>
        <translation>デバイスからコピー: %1</translation>
    </message>
    <message>
        <source>%1: %2 values</source>
        <translation>%1: %2 個の値</translation>
    </message>
    <message>
        <source>No data has been read yet.</source>
        <translation>まだデータが読み取られていません。</translation>
    </message>
    <message>
        <source>Save as .npy</source>
        <translation>.npy として保存</translation>
    </message>
    <message>
        <source>Save as CSV</source>
        <translation>CSV として保存</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 配列 (*.npy)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
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
        <translation>問題</translation>
    </message>
    <message>
        <source>Compile Output</source>
        <translation>コンパイル出力</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>コンソール</translation>
    </message>
    <message>
        <source>Fabric</source>
        <translation>ファブリック</translation>
    </message>
    <message>
        <source>Fabric Layers</source>
        <translation>ファブリックのレイヤー</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>シミュレーション</translation>
    </message>
    <message>
        <source>The program hangs: waiting PEs: %1 (ringed on the fabric).
%2</source>
        <translation>プログラムがハングしています: 待機中の PE: %1 (ファブリック上で丸印)。
%2</translation>
    </message>
    <message>
        <source>&amp;Build</source>
        <translation>ビルド(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Build Project</source>
        <translation>プロジェクトをビルド(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Cancel Build</source>
        <translation>ビルドを中止(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run &amp;Host Script (run.py)</source>
        <translation>ホストスクリプトを実行(&amp;H) (run.py)</translation>
    </message>
    <message>
        <source>Start &amp;Session</source>
        <translation>セッションを開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>続行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;tep 1 Cycle</source>
        <translation>1 サイクル実行(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;End Session</source>
        <translation>セッションを終了(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Import Settings from Script…</source>
        <translation>スクリプトから設定をインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Compile Settings</source>
        <translation>コンパイル設定のインポート</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh);;All files (*)</source>
        <translation>シェルスクリプト (*.sh);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Export Settings as Script…</source>
        <translation>設定をスクリプトとしてエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export Compile Settings</source>
        <translation>コンパイル設定のエクスポート</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh)</source>
        <translation>シェルスクリプト (*.sh)</translation>
    </message>
    <message>
        <source>Open a project to build it.</source>
        <translation>ビルドするにはプロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>(not started)</source>
        <translation>(未開始)</translation>
    </message>
    <message>
        <source>Cannot save before building: %1</source>
        <translation>ビルド前に保存できません: %1</translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation>プロジェクトが開かれていません。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>tessera::InspectorWorkbench</name>
    <message>
        <source>Heat Map</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Task Profile</source>
        <translation>タスクプロファイル</translation>
    </message>
    <message>
        <source>PE Inspector</source>
        <translation>PE インスペクター</translation>
    </message>
    <message>
        <source>Core Dump</source>
        <translation>コアダンプ</translation>
    </message>
    <message>
        <source>Differing symbols</source>
        <translation>異なるシンボル</translation>
    </message>
    <message>
        <source>Cannot dump the session: %1</source>
        <translation>セッションをダンプできません: %1</translation>
    </message>
    <message>
        <source>Open Core &amp;Dump...</source>
        <translation>コアダンプを開く(&amp;D)...</translation>
    </message>
    <message>
        <source>Compare &amp;With Core Dump...</source>
        <translation>コアダンプと比較(&amp;W)...</translation>
    </message>
    <message>
        <source>&amp;Dump and Inspect</source>
        <translation>ダンプして調査(&amp;D)</translation>
    </message>
    <message>
        <source>Core dump %1: %2x%3 PEs at cycle %4 (format version %5).</source>
        <translation>コアダンプ %1: サイクル %4 時点の %2x%3 個の PE（形式バージョン %5）。</translation>
    </message>
    <message>
        <source>Open a core dump first, then compare it with another.</source>
        <translation>先にコアダンプを開いてから、別のコアダンプと比較してください。</translation>
    </message>
    <message>
        <source>Build and start a session first.</source>
        <translation>先にビルドしてセッションを開始してください。</translation>
    </message>
    <message>
        <source>Open Core Dump</source>
        <translation>コアダンプを開く</translation>
    </message>
    <message>
        <source>Core dumps (corefile* *.cs1 *.core);;All files (*)</source>
        <translation>コアダンプ (corefile* *.cs1 *.core);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Compare With Core Dump</source>
        <translation>コアダンプと比較</translation>
    </message>
    <message>
        <source>Open a core dump to profile the tasks of a region of PEs.</source>
        <translation>PE 領域のタスクをプロファイルするには、コアダンプを開いてください。</translation>
    </message>
    <message>
        <source>Task profile of PEs %1,%2 to %3,%4.</source>
        <translation>PE %1,%2 〜 %3,%4 のタスクプロファイル。</translation>
    </message>
    <message>
        <source>Tracing is on: start a session (Run ▸ Start Session) to trace it.</source>
        <translation>トレースはオンです: トレースするにはセッションを開始してください (実行 ▸ セッションを開始)。</translation>
    </message>
    <message>
        <source>Tracing is on: step or run the session; the trace follows it.</source>
        <translation>トレースはオンです: セッションをステップ実行または実行すると、トレースが追従します。</translation>
    </message>
    <message>
        <source>Cannot trace: no temporary folder (%1).</source>
        <translation>トレースできません: 一時フォルダーがありません (%1)。</translation>
    </message>
    <message>
        <source>Tracing the run to cycle %1…</source>
        <translation>サイクル %1 まで実行をトレース中…</translation>
    </message>
    <message>
        <source>cycles 0–%1, nothing launched</source>
        <translation>サイクル 0–%1、起動なし</translation>
    </message>
    <message>
        <source>%1 launched, cycles 0–%2</source>
        <translation>%1 を起動、サイクル 0–%2</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Cannot trace the run: %1</source>
        <translation>実行をトレースできません: %1</translation>
    </message>
    <message>
        <source>the script&apos;s host commands replayed by the appliance, cycles 0–%1</source>
        <translation>アプライアンスが再実行したスクリプトのホストコマンド、サイクル 0–%1</translation>
    </message>
</context>
<context>
    <name>tessera::MainWindow</name>
    <message>
        <source>Open File</source>
        <translation>ファイルを開く</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Set as Layout File</source>
        <translation>レイアウトファイルに設定</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New File</source>
        <translation>新規ファイル(&amp;N)</translation>
    </message>
    <message>
        <source>Open &amp;Project...</source>
        <translation>プロジェクトを開く(&amp;P)...</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Open File...</source>
        <translation>ファイルを開く(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Recent Projects</source>
        <translation>最近のプロジェクト(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>サンプル(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>名前を付けて保存(&amp;A)...</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>すべて保存(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+Alt+S</source>
        <translation>Ctrl+Alt+S</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>すべて保存</translation>
    </message>
    <message>
        <source>&amp;Close File</source>
        <translation>ファイルを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>Close Pro&amp;ject</source>
        <translation>プロジェクトを閉じる(&amp;J)</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>設定(&amp;T)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>切り取り(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>すべて選択(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find...</source>
        <translation>検索(&amp;F)...</translation>
    </message>
    <message>
        <source>R&amp;eplace...</source>
        <translation>置換(&amp;E)...</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>次を検索(&amp;N)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>前を検索(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Go to Line...</source>
        <translation>指定行へ移動(&amp;G)...</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Complete &amp;Word</source>
        <translation>単語を補完(&amp;W)</translation>
    </message>
    <message>
        <source>Ctrl+Space</source>
        <translation>Ctrl+Space</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Fold All</source>
        <translation>すべて折りたたむ(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Tessera</source>
        <translation>Tessera について(&amp;A)</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>一覧を消去</translation>
    </message>
    <message>
        <source>There is no bundled example named &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; という名前の同梱サンプルはありません。</translation>
    </message>
    <message>
        <source>Cannot copy the example to %1.</source>
        <translation>サンプルを %1 にコピーできません。</translation>
    </message>
    <message>
        <source>Tessera Examples</source>
        <translation>Tessera サンプル</translation>
    </message>
    <message>
        <source>Open Example</source>
        <translation>サンプルを開く</translation>
    </message>
    <message>
        <source>The layout file %1 does not exist.</source>
        <translation>レイアウトファイル %1 が存在しません。</translation>
    </message>
    <message>
        <source>Untitled %1</source>
        <translation>無題 %1</translation>
    </message>
    <message>
        <source>%1 changed on disk.</source>
        <translation>%1 がディスク上で変更されました。</translation>
    </message>
    <message>
        <source>Line %1, Column %2</source>
        <translation>%1 行、%2 列</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>名前を付けて保存</translation>
    </message>
    <message>
        <source>CSL files (*.csl);;All files (*)</source>
        <translation>CSL ファイル (*.csl);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>%1 was not saved.</source>
        <translation>%1 は保存されませんでした。</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>These files have unsaved changes:

%1

Save them?</source>
        <translation>次のファイルに未保存の変更があります:

%1

保存しますか?</translation>
    </message>
    <message>
        <source>%1 (recovered)</source>
        <translation>%1（復元）</translation>
    </message>
    <message>
        <source>%1 (autosaved %2)</source>
        <translation>%1（%2 に自動保存）</translation>
    </message>
    <message>
        <source>Restore Unsaved Changes</source>
        <translation>未保存の変更を復元</translation>
    </message>
    <message>
        <source>Tessera was not closed properly last time. These buffers had unsaved changes:

%1

Restore them?</source>
        <translation>前回 Tessera は正しく終了しませんでした。次のバッファーに未保存の変更がありました:

%1

復元しますか?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
    <message>
        <source>Ask Again Later</source>
        <translation>後で確認</translation>
    </message>
    <message>
        <source>Open Project Folder</source>
        <translation>プロジェクトフォルダーを開く</translation>
    </message>
    <message>
        <source>CSL files (*.csl);;Python files (*.py);;All files (*)</source>
        <translation>CSL ファイル (*.csl);;Python ファイル (*.py);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>指定行へ移動</translation>
    </message>
    <message>
        <source>Line (1 to %1):</source>
        <translation>行 (1～%1):</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The new language will be used the next time Tessera starts.</source>
        <translation>新しい言語は次回 Tessera を起動したときに使われます。</translation>
    </message>
    <message>
        <source>Set Layout File</source>
        <translation>レイアウトファイルの設定</translation>
    </message>
    <message>
        <source>About Tessera</source>
        <translation>Tessera について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tessera %1&lt;/h3&gt;&lt;p&gt;An IDE for Cerebras SDK programs written in CSL: edit, compile and run them on a built-in wafer fabric simulator.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tessera %1&lt;/h3&gt;&lt;p&gt;CSL で書かれた Cerebras SDK プログラムのための IDE です。編集し、コンパイルし、内蔵のウェハー・ファブリック・シミュレーターで実行できます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 · fabric %2×%3 · %4</source>
        <translation>%1 · ファブリック %2×%3 · %4</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>プロジェクト(&amp;P)</translation>
    </message>
    <message>
        <source>Compile &amp;Settings...</source>
        <translation>コンパイル設定(&amp;S)...</translation>
    </message>
    <message>
        <source>Compile Settings</source>
        <translation>コンパイル設定</translation>
    </message>
    <message>
        <source>&amp;Examples…</source>
        <translation>サンプル(&amp;E)…</translation>
    </message>
    <message>
        <source>Open Core Dump</source>
        <translation>コアダンプを開く</translation>
    </message>
    <message>
        <source>%1 (the build uses the default compile settings)</source>
        <translation>%1 (ビルドは既定のコンパイル設定を使用します)</translation>
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
        <translation>ファブリック x,y</translation>
    </message>
    <message>
        <source>Tasks &amp;&amp; Queues</source>
        <translation>タスクとキュー</translation>
    </message>
    <message>
        <source>address or symbol</source>
        <translation>アドレスまたはシンボル</translation>
    </message>
    <message>
        <source>Show as:</source>
        <translation>表示形式:</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>移動先:</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>シンボル</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Simprint</source>
        <translation>Simprint</translation>
    </message>
    <message>
        <source>Type the PE&apos;s fabric coordinates as x,y.</source>
        <translation>PE のファブリック座標を x,y の形式で入力してください。</translation>
    </message>
    <message>
        <source>Open a core dump to inspect PEs.</source>
        <translation>PE を調べるにはコアダンプを開いてください。</translation>
    </message>
    <message>
        <source>PE %1,%2 is outside the program rectangle %3,%4 .. %5,%6.</source>
        <translation>PE %1,%2 はプログラム矩形 %3,%4 .. %5,%6 の外にあります。</translation>
    </message>
    <message>
        <source>Select a PE in the fabric view or type its coordinates.</source>
        <translation>ファブリックビューで PE を選択するか、座標を入力してください。</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>アイドル</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1 を実行中</translation>
    </message>
    <message>
        <source> at %1:%2</source>
        <translation> (%1:%2)</translation>
    </message>
    <message>
        <source>PE %1,%2 (rectangle %3,%4) runs %5, %6 at cycle %7; %8 instructions, %9 stall cycles, %10 task activations.</source>
        <translation>PE %1,%2（矩形 %3,%4）は %5 を実行、サイクル %7 時点で %6。命令 %8 個、ストールサイクル %9、タスク起動 %10 回。</translation>
    </message>
    <message>
        <source> (unfinished line)</source>
        <translation> (未完了の行)</translation>
    </message>
    <message>
        <source>(this dump predates simprint capture)</source>
        <translation>(このダンプは simprint の記録に対応する前の形式です)</translation>
    </message>
    <message>
        <source>(no simprint output from this PE)</source>
        <translation>(この PE からの simprint 出力はありません)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>PE %1,%2 cannot be shown: its part of the core dump is unreadable.</source>
        <translation>PE %1,%2 を表示できません: コアダンプ内のこの PE の部分を読み取れません。</translation>
    </message>
    <message>
        <source>The other PEs of this dump can still be inspected.</source>
        <translation>このダンプの他の PE は引き続き調査できます。</translation>
    </message>
</context>
<context>
    <name>tessera::PeQueueModel</name>
    <message>
        <source>Queue</source>
        <translation>キュー</translation>
    </message>
    <message>
        <source>Wavelets</source>
        <translation>ウェーブレット</translation>
    </message>
    <message>
        <source>Contents (front first)</source>
        <translation>内容（先頭から）</translation>
    </message>
    <message>
        <source>ctrl %1</source>
        <translation>制御 %1</translation>
    </message>
    <message>
        <source>input, color %1</source>
        <translation>入力、カラー %1</translation>
    </message>
    <message>
        <source>output queue %1</source>
        <translation>出力キュー %1</translation>
    </message>
    <message>
        <source>router, color %1</source>
        <translation>ルーター、カラー %1</translation>
    </message>
    <message>
        <source>(not in this dump)</source>
        <translation>(このダンプにはありません)</translation>
    </message>
    <message>
        <source>FIFO %1</source>
        <translation>FIFO %1</translation>
    </message>
    <message>
        <source>head at element %1</source>
        <translation>先頭は要素 %1</translation>
    </message>
    <message>
        <source>(a pop found it empty: the next push activates .activate_push)</source>
        <translation>（pop 時に空でした: 次の push で .activate_push が起動します）</translation>
    </message>
    <message>
        <source>(a push found it full: the next pop activates .activate_pop)</source>
        <translation>（push 時に満杯でした: 次の pop で .activate_pop が起動します）</translation>
    </message>
</context>
<context>
    <name>tessera::PeSymbolModel</name>
    <message>
        <source>Symbol</source>
        <translation>シンボル</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>tessera::PeTableModel</name>
    <message>
        <source>core dump %1: PE(%2,%3): %4</source>
        <translation>コアダンプ %1: PE(%2,%3): %4</translation>
    </message>
</context>
<context>
    <name>tessera::PeTaskModel</name>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>関数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>起動回数</translation>
    </message>
    <message>
        <source>Self cycles</source>
        <translation>自己サイクル</translation>
    </message>
    <message>
        <source>Min cycles</source>
        <translation>最小サイクル</translation>
    </message>
    <message>
        <source>Max cycles</source>
        <translation>最大サイクル</translation>
    </message>
    <message>
        <source>Avg cycles</source>
        <translation>平均サイクル</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>active</source>
        <translation>アクティブ</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>ブロック中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>バインド済み</translation>
    </message>
    <message>
        <source>unbound</source>
        <translation>未バインド</translation>
    </message>
    <message>
        <source>launch</source>
        <translation>起動</translation>
    </message>
    <message>
        <source>init</source>
        <translation>init</translation>
    </message>
    <message>
        <source>%1 (color %2)</source>
        <translation>%1 (カラー %2)</translation>
    </message>
    <message>
        <source>%1 (iq %2)</source>
        <translation>%1 (iq %2)</translation>
    </message>
    <message>
        <source>host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>global initializers</source>
        <translation>グローバル初期化</translation>
    </message>
    <message>
        <source>high priority</source>
        <translation>高優先度</translation>
    </message>
</context>
<context>
    <name>tessera::PeThreadModel</name>
    <message>
        <source>Thread</source>
        <translation>スレッド</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <source>main, frame %1</source>
        <translation>main、フレーム %1</translation>
    </message>
    <message>
        <source>%1, instruction %2</source>
        <translation>%1、命令 %2</translation>
    </message>
    <message>
        <source>op %1</source>
        <translation>op %1</translation>
    </message>
    <message>
        <source>main, DSD op</source>
        <translation>main、DSD 演算</translation>
    </message>
    <message>
        <source>microthread %1</source>
        <translation>マイクロスレッド %1</translation>
    </message>
    <message>
        <source>%1 (waiting since cycle %2)</source>
        <translation>%1（サイクル %2 から待機中）</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 at 0x%2%3, length %4, stride %5 B</source>
        <translation>%1 @ 0x%2%3、長さ %4、ストライド %5 B</translation>
    </message>
    <message>
        <source>fabin, color %1, queue %2, length %3</source>
        <translation>fabin、カラー %1、キュー %2、長さ %3</translation>
    </message>
    <message>
        <source>fabout, color %1, queue %2, length %3</source>
        <translation>fabout、カラー %1、キュー %2、長さ %3</translation>
    </message>
    <message>
        <source>fifo %1</source>
        <translation>FIFO %1</translation>
    </message>
    <message>
        <source>DSD register %1 (frame %2)</source>
        <translation>DSD レジスタ %1（フレーム %2）</translation>
    </message>
    <message>
        <source>circular buffer at 0x%1%2, length %3, wraps after %4, head %5</source>
        <translation>リングバッファ 0x%1%2、長さ %3、%4 で折り返し、先頭 %5</translation>
    </message>
    <message>
        <source>paused by @block</source>
        <translation>@block で一時停止</translation>
    </message>
</context>
<context>
    <name>tessera::PeTraceModel</name>
    <message>
        <source>Trace</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>エントリ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>tessera::PresentationMode</name>
    <message>
        <source>north</source>
        <translation>北</translation>
    </message>
    <message>
        <source>south</source>
        <translation>南</translation>
    </message>
    <message>
        <source>east</source>
        <translation>東</translation>
    </message>
    <message>
        <source>west</source>
        <translation>西</translation>
    </message>
    <message>
        <source>to the core</source>
        <translation>コアへ</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 と %2</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>タスク %1</translation>
    </message>
    <message>
        <source>one of its tasks (%1)</source>
        <translation>自身のタスクの 1 つ (%1)</translation>
    </message>
    <message>
        <source>PE (%1,%2) computes</source>
        <translation>PE (%1,%2) が計算中</translation>
    </message>
    <message>
        <source>PE (%1,%2) runs %3</source>
        <translation>PE (%1,%2) が %3 を実行中</translation>
    </message>
    <message>
        <source> (%1 PEs busy)</source>
        <translation> (%1 個の PE が稼働中)</translation>
    </message>
    <message>
        <source>1 wavelet hop on color %1 moving %2</source>
        <translation>カラー %1 でウェーブレットが 1 ホップ (方向: %2)</translation>
    </message>
    <message>
        <source>%1 wavelet hops on color %2 moving %3</source>
        <translation>カラー %2 でウェーブレットが %1 ホップ (方向: %3)</translation>
    </message>
    <message>
        <source> (1 more color busy)</source>
        <translation> (他に 1 カラーが稼働中)</translation>
    </message>
    <message>
        <source> (%1 more colors busy)</source>
        <translation> (他に %1 カラーが稼働中)</translation>
    </message>
    <message>
        <source>cycle %1: nothing moves</source>
        <translation>サイクル %1: 動きなし</translation>
    </message>
    <message>
        <source>cycle %1: %2</source>
        <translation>サイクル %1: %2</translation>
    </message>
    <message>
        <source>%1 runs on 1 PE</source>
        <translation>%1 は 1 個の PE で実行</translation>
    </message>
    <message>
        <source>%1 runs on %2 PEs</source>
        <translation>%1 は %2 個の PE で実行</translation>
    </message>
    <message>
        <source>color %1: routes through %2 PEs, moving %3; %4 deliver to their core</source>
        <translation>カラー %1: %2 個の PE を経由 (方向: %3)。%4 個が自身のコアへ配送</translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>プレゼンテーションモード(&amp;P)</translation>
    </message>
    <message>
        <source>Show the fabric large and animate the run slowly (F11; Esc leaves)</source>
        <translation>ファブリックを大きく表示し、実行をゆっくりアニメーション表示します (F11、Esc で終了)</translation>
    </message>
    <message>
        <source>the build failed; see Compile Output</source>
        <translation>ビルドに失敗しました。コンパイル出力を参照してください</translation>
    </message>
    <message>
        <source>cycle %1: the run has finished</source>
        <translation>サイクル %1: 実行が終了しました</translation>
    </message>
    <message>
        <source>open a project first</source>
        <translation>先にプロジェクトを開いてください</translation>
    </message>
    <message>
        <source>Building %1…</source>
        <translation>%1 をビルド中…</translation>
    </message>
    <message>
        <source>cycle %1: ready</source>
        <translation>サイクル %1: 準備完了</translation>
    </message>
    <message>
        <source>Nothing to animate: %1</source>
        <translation>アニメーション表示できません: %1</translation>
    </message>
    <message>
        <source>no PE has work at cycle %1: the program waits for host data (run.py)</source>
        <translation>サイクル %1 で処理中の PE はありません: プログラムはホストからのデータを待っています (run.py)</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>tour: %1</source>
        <translation>ツアー: %1</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>building</source>
        <translation>ビルド中</translation>
    </message>
    <message>
        <source>skipping idle cycles (%1 per beat)</source>
        <translation>アイドルサイクルをスキップ中 (1 ビートあたり %1)</translation>
    </message>
    <message>
        <source>%1 cycles per beat</source>
        <translation>1 ビートあたり %1 サイクル</translation>
    </message>
    <message>
        <source>%1   ·   Space pause/resume   ·   → step   ·   +/− speed   ·   Esc leave</source>
        <translation>%1   ·   Space 一時停止/再開   ·   → ステップ   ·   +/− 速度   ·   Esc 終了</translation>
    </message>
    <message>
        <source>one of its %1 tasks</source>
        <translation>自身の %1 個のタスクの 1 つ</translation>
    </message>
    <message>
        <source>cycle %1: %2 has closed its session</source>
        <translation>サイクル %1: %2 がセッションを閉じました</translation>
    </message>
    <message>
        <source>cycle %1: %2 has loaded the program; the run begins</source>
        <translation>サイクル %1: %2 がプログラムをロードしました。実行を開始します</translation>
    </message>
    <message>
        <source>a host program runs without the IDE attached; Run &gt; Attach to Script Session follows it</source>
        <translation>ホストプログラムが IDE にアタッチされずに実行中です。実行 &gt; スクリプトのセッションにアタッチ で追跡できます</translation>
    </message>
    <message>
        <source>no run.py and no exported function without arguments to launch</source>
        <translation>run.py も、起動できる引数なしのエクスポート関数もありません</translation>
    </message>
    <message>
        <source>Starting %1 under cs_python…</source>
        <translation>cs_python で %1 を起動中…</translation>
    </message>
    <message>
        <source>cycle %1: %2 passed (exit code 0)</source>
        <translation>サイクル %1: %2 が成功しました (終了コード 0)</translation>
    </message>
    <message>
        <source>cycle %1: %2 passed: %3</source>
        <translation>サイクル %1: %2 が成功しました: %3</translation>
    </message>
    <message>
        <source>cycle %1: %2 failed (exit code %3): %4</source>
        <translation>サイクル %1: %2 が失敗しました (終了コード %3): %4</translation>
    </message>
    <message>
        <source>cycle %1: the fabric waits for %2&apos;s next host command</source>
        <translation>サイクル %1: ファブリックは %2 の次のホストコマンドを待っています</translation>
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
        <translation>コンパイル設定 — %1</translation>
    </message>
    <message>
        <source>Use memcpy (--memcpy)</source>
        <translation>memcpy を使う (--memcpy)</translation>
    </message>
    <message>
        <source>name:value,name:value</source>
        <translation>名前:値,名前:値</translation>
    </message>
    <message>
        <source>further cslc flags, e.g. --verbose</source>
        <translation>その他の cslc オプション（例: --verbose）</translation>
    </message>
    <message>
        <source>Layout file:</source>
        <translation>レイアウトファイル:</translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation>アーキテクチャ:</translation>
    </message>
    <message>
        <source>Fabric size (width × height):</source>
        <translation>ファブリックサイズ（幅 × 高さ）:</translation>
    </message>
    <message>
        <source>Fabric offsets (x, y):</source>
        <translation>ファブリックオフセット (x, y):</translation>
    </message>
    <message>
        <source>memcpy channels:</source>
        <translation>memcpy チャネル数:</translation>
    </message>
    <message>
        <source>Parameters (--params):</source>
        <translation>パラメーター (--params):</translation>
    </message>
    <message>
        <source>Output folder (-o):</source>
        <translation>出力フォルダー (-o):</translation>
    </message>
    <message>
        <source>Extra arguments:</source>
        <translation>追加の引数:</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>コマンド:</translation>
    </message>
    <message>
        <source>Parameter &quot;%1&quot; must look like name:value.</source>
        <translation>パラメーター &quot;%1&quot; は 名前:値 の形式でなければなりません。</translation>
    </message>
    <message>
        <source>The layout file must be a .csl file inside the project folder.</source>
        <translation>レイアウトファイルはプロジェクトフォルダー内の .csl ファイルでなければなりません。</translation>
    </message>
    <message>
        <source>The output folder must not be empty.</source>
        <translation>出力フォルダーを空にすることはできません。</translation>
    </message>
    <message>
        <source>name:id,name:id (ids 0 to 23)</source>
        <translation>name:id,name:id（ID は 0〜23）</translation>
    </message>
    <message>
        <source>Colors (--colors):</source>
        <translation>カラー (--colors):</translation>
    </message>
    <message>
        <source>west</source>
        <translation>西</translation>
    </message>
    <message>
        <source>east</source>
        <translation>東</translation>
    </message>
    <message>
        <source>memcpy buffer widths (--width-west-buf, --width-east-buf):</source>
        <translation>memcpy バッファー幅 (--width-west-buf, --width-east-buf):</translation>
    </message>
    <message>
        <source>Color &quot;%1&quot; must look like name:id.</source>
        <translation>カラー &quot;%1&quot; は name:id の形式でなければなりません。</translation>
    </message>
    <message>
        <source>Color &quot;%1&quot;: id %2 is outside 0 to 23.</source>
        <translation>カラー &quot;%1&quot;: ID %2 が 0〜23 の範囲外です。</translation>
    </message>
    <message>
        <source>Color &quot;%1&quot; is given twice.</source>
        <translation>カラー &quot;%1&quot; が 2 回指定されています。</translation>
    </message>
</context>
<context>
    <name>tessera::ProjectTreeModel</name>
    <message>
        <source>Layout file of this project (the file cslc compiles)</source>
        <translation>このプロジェクトのレイアウトファイル（cslc がコンパイルするファイル）</translation>
    </message>
</context>
<context>
    <name>tessera::ReplayControls</name>
    <message>
        <source>Step back one frame</source>
        <translation>1 フレーム戻る</translation>
    </message>
    <message>
        <source>Play or pause the replay</source>
        <translation>リプレイを再生または一時停止</translation>
    </message>
    <message>
        <source>Step one frame</source>
        <translation>1 フレーム進む</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>Show the running session again</source>
        <translation>実行中のセッションの表示に戻る</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>リプレイ速度</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the recording to a file</source>
        <translation>記録をファイルに保存</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>開く…</translation>
    </message>
    <message>
        <source>Open a recording saved before</source>
        <translation>以前に保存した記録を開く</translation>
    </message>
    <message>
        <source>No frames recorded</source>
        <translation>記録されたフレームはありません</translation>
    </message>
    <message numerus="yes">
        <source>Live · %n frame(s) recorded</source>
        <translation>
            <numerusform>ライブ · %n フレーム記録済み</numerusform>
        </translation>
    </message>
    <message>
        <source>Frame %1/%2 · cycle %3</source>
        <translation>フレーム %1/%2 · サイクル %3</translation>
    </message>
    <message>
        <source>Save Recording</source>
        <translation>記録を保存</translation>
    </message>
    <message>
        <source>Tessera recordings (*.tsrec)</source>
        <translation>Tessera 記録ファイル (*.tsrec)</translation>
    </message>
    <message>
        <source>Recording saved to %1.</source>
        <translation>記録を %1 に保存しました。</translation>
    </message>
    <message>
        <source>Open Recording</source>
        <translation>記録を開く</translation>
    </message>
    <message numerus="yes">
        <source>Recording %1 opened (%n frame(s)).</source>
        <translation>
            <numerusform>記録 %1 を開きました (%n フレーム)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Each frame&apos;s activity from idle (dark) to the busiest (yellow). Click or drag on the strip to replay from there; Live follows the session again.</source>
        <translation>各フレームのアクティビティ (アイドル = 暗い色、最も忙しい = 黄色)。ストリップをクリックまたはドラッグするとそこから再生し、「ライブ」で再びセッションに追従します。</translation>
    </message>
</context>
<context>
    <name>tessera::RunConsole</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>host program command line</source>
        <translation>ホストプログラムのコマンドライン</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>Exited normally (status 0)</source>
        <translation>正常終了（ステータス 0）</translation>
    </message>
    <message>
        <source>Exited with status %1</source>
        <translation>ステータス %1 で終了</translation>
    </message>
</context>
<context>
    <name>tessera::RunRecording</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>%1 is not a Tessera run recording</source>
        <translation>%1 は Tessera の実行記録ではありません</translation>
    </message>
    <message>
        <source>%1: recording version %2 is not supported (this IDE reads version %3)</source>
        <translation>%1: 記録のバージョン %2 はサポートされていません (この IDE が読めるのはバージョン %3 です)</translation>
    </message>
    <message>
        <source>%1: the recording is truncated or corrupt</source>
        <translation>%1: 記録が途中で切れているか、破損しています</translation>
    </message>
    <message>
        <source>%1: frame %2 is corrupt (size %3 x %4, cycle %5)</source>
        <translation>%1: フレーム %2 が破損しています (サイズ %3 x %4、サイクル %5)</translation>
    </message>
    <message>
        <source>%1: the recording is truncated in frame %2</source>
        <translation>%1: 記録がフレーム %2 で途切れています</translation>
    </message>
</context>
<context>
    <name>tessera::ScriptAttachActions</name>
    <message>
        <source>&amp;Attach to Script Session…</source>
        <translation>スクリプトのセッションにアタッチ(&amp;A)…</translation>
    </message>
    <message>
        <source>Attach A&amp;utomatically to Host Programs</source>
        <translation>ホストプログラムに自動的にアタッチ(&amp;U)</translation>
    </message>
    <message>
        <source>Attach to Script Session</source>
        <translation>スクリプトのセッションにアタッチ</translation>
    </message>
    <message>
        <source>Cannot list the appliance&apos;s sessions: %1</source>
        <translation>アプライアンスのセッション一覧を取得できません: %1</translation>
    </message>
    <message>
        <source>No session is open on the appliance. Start a host program (Run &gt; Run Host Script, or cs_python against the appliance&apos;s address) first.</source>
        <translation>アプライアンスで開いているセッションはありません。先にホストプログラムを起動してください (実行 &gt; ホストスクリプトを実行、またはアプライアンスのアドレスを指定して cs_python を実行)。</translation>
    </message>
    <message>
        <source>%1 — pid %2 — %3, cycle %4 — %5</source>
        <translation>%1 — PID %2 — %3、サイクル %4 — %5</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(ラベルなし)</translation>
    </message>
    <message>
        <source>Sessions open on the appliance:</source>
        <translation>アプライアンスで開いているセッション:</translation>
    </message>
</context>
<context>
    <name>tessera::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>Editor font:</source>
        <translation>エディターのフォント:</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>フォントサイズ:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>テーマ:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>A new language takes effect when Tessera is restarted.</source>
        <translation>新しい言語は Tessera の再起動後に有効になります。</translation>
    </message>
</context>
<context>
    <name>tessera::SimController</name>
    <message>
        <source>Build succeeded in %1 ms (%2 warnings): %3</source>
        <translation>ビルド成功 (%1 ms、警告 %2 件): %3</translation>
    </message>
    <message>
        <source>Build failed: %1 errors, %2 warnings. %3</source>
        <translation>ビルド失敗: エラー %1 件、警告 %2 件。%3</translation>
    </message>
    <message>
        <source>Build cancelled.</source>
        <translation>ビルドを中止しました。</translation>
    </message>
    <message>
        <source>a host program is already running</source>
        <translation>ホストプログラムはすでに実行中です</translation>
    </message>
    <message>
        <source>build the project first</source>
        <translation>先にプロジェクトをビルドしてください</translation>
    </message>
    <message>
        <source>the host program crashed</source>
        <translation>ホストプログラムがクラッシュしました</translation>
    </message>
    <message>
        <source>A session is already open.</source>
        <translation>セッションはすでに開いています。</translation>
    </message>
    <message>
        <source>Build the project before starting a session.</source>
        <translation>セッションを開始する前にプロジェクトをビルドしてください。</translation>
    </message>
    <message>
        <source>Session started (paused).</source>
        <translation>セッションを開始しました (一時停止中)。</translation>
    </message>
    <message>
        <source>Session started (paused); %1 launched.</source>
        <translation>セッションを開始しました (一時停止中)。%1 を起動しました。</translation>
    </message>
    <message>
        <source>Cannot start the session</source>
        <translation>セッションを開始できません</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 が失敗しました: %2</translation>
    </message>
    <message>
        <source>%1 finished.</source>
        <translation>%1 が終了しました。</translation>
    </message>
    <message>
        <source>No session is open.</source>
        <translation>開いているセッションはありません。</translation>
    </message>
    <message>
        <source>Debugger</source>
        <translation>デバッガ</translation>
    </message>
    <message>
        <source>Breakpoints</source>
        <translation>ブレークポイント</translation>
    </message>
    <message>
        <source>Breakpoint hit at cycle %1. %2</source>
        <translation>サイクル %1 でブレークポイントに到達しました。%2</translation>
    </message>
    <message>
        <source>the embedded appliance</source>
        <translation>組み込みアプライアンス</translation>
    </message>
    <message>
        <source>lost the connection to the appliance (%1): %2. The session is gone; the next build, run or session connects again.</source>
        <translation>アプライアンス (%1) との接続が切れました: %2。セッションは失われました。次のビルド、実行、またはセッションの開始時に再接続します。</translation>
    </message>
    <message>
        <source>The host program ended; detached from its session.</source>
        <translation>ホストプログラムが終了したため、そのセッションからデタッチしました。</translation>
    </message>
    <message>
        <source>Detached; the host program goes on.</source>
        <translation>デタッチしました。ホストプログラムは実行を続けます。</translation>
    </message>
    <message>
        <source>The host program closed its session; detached.</source>
        <translation>ホストプログラムがセッションを閉じたため、デタッチしました。</translation>
    </message>
    <message>
        <source>Analysis: %1</source>
        <translation>解析: %1</translation>
    </message>
    <message>
        <source>The program faulted: %1</source>
        <translation>プログラムでフォールトが発生しました: %1</translation>
    </message>
    <message>
        <source>Detached from the previous host program.</source>
        <translation>前のホストプログラムからデタッチしました。</translation>
    </message>
    <message>
        <source>End the open session before attaching to another.</source>
        <translation>別のセッションにアタッチする前に、開いているセッションを終了してください。</translation>
    </message>
    <message>
        <source>The host program&apos;s session has ended.</source>
        <translation>ホストプログラムのセッションが終了しました。</translation>
    </message>
    <message>
        <source>Cannot attach: %1</source>
        <translation>アタッチできません: %1</translation>
    </message>
    <message>
        <source>Attached to the session of %1 (%2).</source>
        <translation>%1 (%2) のセッションにアタッチしました。</translation>
    </message>
</context>
<context>
    <name>tessera::SimControls</name>
    <message>
        <source>any PE</source>
        <translation>任意の PE</translation>
    </message>
    <message>
        <source>PE %1,%2</source>
        <translation>PE %1,%2</translation>
    </message>
    <message>
        <source>task %1 activates at %2</source>
        <translation>%2 でタスク %1 が起動</translation>
    </message>
    <message>
        <source>line %1 of file %2 at %3</source>
        <translation>ファイル %2 の %1 行目 (%3)</translation>
    </message>
    <message>
        <source>cycle %1</source>
        <translation>サイクル %1</translation>
    </message>
    <message>
        <source>wavelet on color %1 at %2</source>
        <translation>%2 でカラー %1 上のウェーブレット</translation>
    </message>
    <message>
        <source>write to %1 at %2</source>
        <translation>%2 で %1 への書き込み</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>セッションを開始</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Step 1</source>
        <translation>1 ステップ</translation>
    </message>
    <message>
        <source>Step N</source>
        <translation>N ステップ</translation>
    </message>
    <message>
        <source>Run to breakpoint</source>
        <translation>ブレークポイントまで実行</translation>
    </message>
    <message>
        <source>Cycles per Step N</source>
        <translation>ステップ N あたりのサイクル数</translation>
    </message>
    <message>
        <source>Task activation</source>
        <translation>タスクの起動</translation>
    </message>
    <message>
        <source>Source line</source>
        <translation>ソース行</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>サイクル</translation>
    </message>
    <message>
        <source>Wavelet on color</source>
        <translation>カラー上のウェーブレット</translation>
    </message>
    <message>
        <source>Write to symbol</source>
        <translation>シンボルへの書き込み</translation>
    </message>
    <message>
        <source>at PE</source>
        <translation>PE 指定</translation>
    </message>
    <message>
        <source>symbol</source>
        <translation>シンボル</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Exported function the session launches</source>
        <translation>セッションが起動するエクスポート関数</translation>
    </message>
    <message>
        <source>Break on</source>
        <translation>停止条件</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Cycle %1 · %2 cycles/s</source>
        <translation>サイクル %1 · %2 サイクル/秒</translation>
    </message>
    <message>
        <source>(launch nothing)</source>
        <translation>(何も起動しない)</translation>
    </message>
    <message>
        <source>A symbol breakpoint needs a symbol name.</source>
        <translation>シンボルのブレークポイントにはシンボル名が必要です。</translation>
    </message>
    <message>
        <source>Cycle %1</source>
        <translation>サイクル %1</translation>
    </message>
    <message>
        <source>No breakpoints. Choose what to break on above and press Add.</source>
        <translation>ブレークポイントはありません。上で停止条件を選び、「追加」を押してください。</translation>
    </message>
</context>
<context>
    <name>tessera::SimprintConsole</name>
    <message>
        <source>Follow selection</source>
        <translation>選択に追従</translation>
    </message>
    <message>
        <source>PE or region, e.g. 3,1 or 0,0-3,2</source>
        <translation>PE または領域（例: 3,1、0,0-3,2）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Show only the lines of the PE selected in the fabric or a table</source>
        <translation>ファブリックまたは表で選択した PE の行だけを表示</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%2 行中 %1 行</translation>
    </message>
</context>
<context>
    <name>tessera::SimprintModel</name>
    <message>
        <source>Cycle</source>
        <translation>サイクル</translation>
    </message>
    <message>
        <source>PE</source>
        <translation>PE</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
</context>
<context>
    <name>tessera::SramModel</name>
    <message>
        <source>hex bytes</source>
        <translation>16 進バイト</translation>
    </message>
    <message>
        <source>0x%1: no symbol</source>
        <translation>0x%1: シンボルなし</translation>
    </message>
    <message>
        <source>0x%1: %2[%3] (%4)</source>
        <translation>0x%1: %2[%3] (%4)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>シンボル</translation>
    </message>
</context>
<context>
    <name>tessera::StallTable</name>
    <message>
        <source>Only the selection</source>
        <translation>選択範囲のみ</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Ask the simulator what every PE waits for now</source>
        <translation>各 PE が現在何を待っているかをシミュレーターに問い合わせる</translation>
    </message>
    <message>
        <source>Show only the waits of the selected PE and color</source>
        <translation>選択した PE とカラーの待機だけを表示</translation>
    </message>
    <message>
        <source>Nothing waits at cycle %1.</source>
        <translation>サイクル %1 で待機しているものはありません。</translation>
    </message>
    <message>
        <source>No wait states yet: pause the session.</source>
        <translation>まだ待機状態はありません: セッションを一時停止してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n wait(s) at cycle %1%2</source>
        <translation>
            <numerusform>サイクル %1 で %n 件の待機%2</numerusform>
        </translation>
    </message>
    <message>
        <source> (more not shown)</source>
        <translation> (他は非表示)</translation>
    </message>
</context>
<context>
    <name>tessera::StallTableModel</name>
    <message>
        <source>wavelets</source>
        <translation>ウェーブレット</translation>
    </message>
    <message>
        <source>control wavelets</source>
        <translation>制御ウェーブレット</translation>
    </message>
    <message>
        <source>output queue room</source>
        <translation>出力キューの空き</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>busy microthread</source>
        <translation>ビジーなマイクロスレッド</translation>
    </message>
    <message>
        <source>blocked data task</source>
        <translation>ブロックされたデータタスク</translation>
    </message>
    <message>
        <source>switch position</source>
        <translation>スイッチ位置</translation>
    </message>
    <message>
        <source>backpressure</source>
        <translation>バックプレッシャー</translation>
    </message>
    <message>
        <source>router room</source>
        <translation>ルーターの空き</translation>
    </message>
    <message>
        <source>unblock_cmd_stream</source>
        <translation>unblock_cmd_stream</translation>
    </message>
    <message>
        <source>host memcpy</source>
        <translation>ホスト memcpy</translation>
    </message>
    <message>
        <source>PE</source>
        <translation>PE</translation>
    </message>
    <message>
        <source>Waiter</source>
        <translation>待機側</translation>
    </message>
    <message>
        <source>Waits for</source>
        <translation>待機対象</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>カラー</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>キュー</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保持側</translation>
    </message>
    <message>
        <source>Holder state</source>
        <translation>保持側の状態</translation>
    </message>
    <message>
        <source>Cycles waited</source>
        <translation>待機サイクル数</translation>
    </message>
    <message>
        <source>
at %1</source>
        <translation>
場所: %1</translation>
    </message>
    <message>
        <source>
Held by PE %1: %2</source>
        <translation>
PE %1 が保持: %2</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
</context>
<context>
    <name>tessera::SymbolHeatMapPanel</name>
    <message>
        <source>Linear, data range</source>
        <translation>線形、データ範囲</translation>
    </message>
    <message>
        <source>Linear, fixed limits</source>
        <translation>線形、固定範囲</translation>
    </message>
    <message>
        <source>Logarithmic (log10 |v|)</source>
        <translation>対数 (log10 |v|)</translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation>シンボル:</translation>
    </message>
    <message>
        <source>Element:</source>
        <translation>要素:</translation>
    </message>
    <message>
        <source>Colour scale:</source>
        <translation>カラースケール:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <source>Limits:</source>
        <translation>範囲:</translation>
    </message>
    <message>
        <source>Choose a symbol to colour the fabric by its value.</source>
        <translation>シンボルを選ぶと、その値でファブリックを色分けします。</translation>
    </message>
    <message>
        <source>Open a core dump first.</source>
        <translation>先にコアダンプを開いてください。</translation>
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
        <translation>%2 の要素 %1 を持つ PE はありません。</translation>
    </message>
    <message>
        <source>%1 of %2 PEs have %3.</source>
        <translation>%2 個中 %1 個の PE に %3 があります。</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) skipped as unreadable; first: %1</source>
        <translation>
            <numerusform>読み取れない %n 個の PE をスキップしました。最初: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::SymbolNavigator</name>
    <message>
        <source>function</source>
        <translation>関数</translation>
    </message>
    <message>
        <source>task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>param</source>
        <translation>param</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>定数</translation>
    </message>
    <message>
        <source>variable</source>
        <translation>変数</translation>
    </message>
    <message>
        <source>module</source>
        <translation>モジュール</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>field</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>enum member</source>
        <translation>列挙子</translation>
    </message>
    <message>
        <source>From %1.</source>
        <translation>%1 から。</translation>
    </message>
    <message>
        <source>member of %1</source>
        <translation>%1 のメンバー</translation>
    </message>
</context>
<context>
    <name>tessera::TaskProfileModel</name>
    <message>
        <source>launch</source>
        <translation>起動</translation>
    </message>
    <message>
        <source>init</source>
        <translation>init</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>関数</translation>
    </message>
    <message>
        <source>PEs</source>
        <translation>PE 数</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>起動回数</translation>
    </message>
    <message>
        <source>Self cycles</source>
        <translation>自己サイクル</translation>
    </message>
    <message>
        <source>Min cycles</source>
        <translation>最小サイクル</translation>
    </message>
    <message>
        <source>Max cycles</source>
        <translation>最大サイクル</translation>
    </message>
    <message>
        <source>Avg cycles</source>
        <translation>平均サイクル</translation>
    </message>
</context>
<context>
    <name>tessera::TaskProfilePanel</name>
    <message>
        <source>Region:</source>
        <translation>領域:</translation>
    </message>
    <message>
        <source>Open a core dump first.</source>
        <translation>先にコアダンプを開いてください。</translation>
    </message>
    <message>
        <source>The region lies outside the program rectangle.</source>
        <translation>領域がプログラム矩形の外にあります。</translation>
    </message>
    <message>
        <source>This dump (version %1) has no task counters.</source>
        <translation>このダンプ (バージョン %1) にはタスクカウンターがありません。</translation>
    </message>
    <message>
        <source>PEs %1,%2 to %3,%4 (%5 PEs).</source>
        <translation>PE %1,%2 〜 %3,%4 (%5 個の PE)。</translation>
    </message>
    <message>
        <source>Type a region as x0,y0 x1,y1 or a single PE as x,y.</source>
        <translation>領域は x0,y0 x1,y1、単一の PE は x,y の形式で入力してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n PE(s) left out as unreadable; first: %1</source>
        <translation>
            <numerusform>読み取れない %n 個の PE を除外しました。最初: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>x0,y0 x1,y1 (empty = all PEs)</source>
        <translation>x0,y0 x1,y1 (空 = すべての PE)</translation>
    </message>
    <message>
        <source>Fabric coordinates of two opposite corners, e.g. 4,1 6,3, or Shift+drag a rectangle on the fabric view; empty = all PEs</source>
        <translation>対角の 2 隅のファブリック座標 (例: 4,1 6,3)、またはファブリックビューで Shift+ドラッグして矩形を指定します。空 = すべての PE</translation>
    </message>
</context>
<context>
    <name>tessera::TimelinePanel</name>
    <message>
        <source>Trace</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Trace the run: record every instruction, wavelet and stall of the session&apos;s program up to the cycle it is at</source>
        <translation>実行をトレースします: セッションのプログラムについて、現在のサイクルまでのすべての命令、ウェーブレット、ストールを記録します</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Show the whole traced run (Home)</source>
        <translation>トレースした実行全体を表示 (Home)</translation>
    </message>
    <message>
        <source>Tracing is on: the trace comes at the next pause.</source>
        <translation>トレースはオンです: 次の一時停止時にトレースが表示されます。</translation>
    </message>
    <message>
        <source>Tracing is off.</source>
        <translation>トレースはオフです。</translation>
    </message>
    <message>
        <source>%1 · %2 trace lines (%3)</source>
        <translation>%1 · トレース %2 行 (%3)</translation>
    </message>
    <message>
        <source> · sampled: %1 of %2 blocks read, zoom in for every event</source>
        <translation> · サンプリング: %2 ブロック中 %1 ブロックを読み込み済み。すべてのイベントを見るには拡大してください</translation>
    </message>
</context>
<context>
    <name>tessera::TimelineView</name>
    <message>
        <source>launch %1</source>
        <translation>起動 %1</translation>
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
        <translation>北</translation>
    </message>
    <message>
        <source>south</source>
        <translation>南</translation>
    </message>
    <message>
        <source>east</source>
        <translation>東</translation>
    </message>
    <message>
        <source>west</source>
        <translation>西</translation>
    </message>
    <message>
        <source>@%1 pc 0x%2 %3</source>
        <translation>@%1 pc 0x%2 %3</translation>
    </message>
    <message>
        <source>@%1 wavelet on color %2 in from the %3</source>
        <translation>@%1 カラー %2 のウェーブレットが%3から入力</translation>
    </message>
    <message>
        <source>@%1 wavelet on color %2 out to the %3</source>
        <translation>@%1 カラー %2 のウェーブレットを%3へ出力</translation>
    </message>
    <message>
        <source>@%1 %2</source>
        <translation>@%1 %2</translation>
    </message>
    <message>
        <source>C%1 in</source>
        <translation>C%1 入力</translation>
    </message>
    <message>
        <source>C%1 out</source>
        <translation>C%1 出力</translation>
    </message>
    <message>
        <source>stalls</source>
        <translation>ストール</translation>
    </message>
    <message>
        <source>No trace. Turn on Trace to record this run&apos;s instructions and wavelets.</source>
        <translation>トレースはありません。この実行の命令とウェーブレットを記録するには「トレース」をオンにしてください。</translation>
    </message>
    <message>
        <source>Select a PE to see its timeline.</source>
        <translation>タイムラインを表示する PE を選択してください。</translation>
    </message>
    <message>
        <source>PE %1,%2 ran no instruction and moved no wavelet in the traced cycles.</source>
        <translation>PE %1,%2 はトレースしたサイクル中に命令を実行せず、ウェーブレットも移動していません。</translation>
    </message>
    <message>
        <source>PE %1,%2 (sampled)</source>
        <translation>PE %1,%2 (サンプリング)</translation>
    </message>
    <message>
        <source>PE %1,%2 · cycle</source>
        <translation>PE %1,%2 · サイクル</translation>
    </message>
    <message>
        <source>%1 · cycle %2</source>
        <translation>%1 · サイクル %2</translation>
    </message>
    <message>
        <source>%1 · cycles %2–%3</source>
        <translation>%1 · サイクル %2–%3</translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… 他 %n 件</numerusform>
        </translation>
    </message>
</context>
</TS>
