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
</context>
<context>
    <name>tessera::ProjectTreeModel</name>
    <message>
        <source>Layout file of this project (the file cslc compiles)</source>
        <translation>このプロジェクトのレイアウトファイル（cslc がコンパイルするファイル）</translation>
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
</context>
</TS>
