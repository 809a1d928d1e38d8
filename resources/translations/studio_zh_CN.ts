<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>PlotExport</source>
        <comment>PNG image</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PlotExport</source>
        <comment>SVG drawing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PlotExport</source>
        <comment>Export plot</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PlotExport</source>
        <comment>Could not export the plot: {error}</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivationExplorerView</name>
    <message>
        <source>Activation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x) solid, f′(x) dashed; shaded: saturation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnsPanel</name>
    <message>
        <source>Column</source>
        <translation type="unfinished">列名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished">类型</translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished">角色</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished">缺失</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation type="unfinished">不同值</translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set role…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>Show:</source>
        <extracomment>Display modes: counts, each row divided by its total (true class), each column by its total (prediction). Matrices larger than this show colours only (the numbers would not fit).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row % (recall)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column % (precision)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation type="unfinished">混淆矩阵</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation type="unfinished">预测类别</translation>
    </message>
    <message>
        <source>True class</source>
        <translation type="unfinished">真实类别</translation>
    </message>
</context>
<context>
    <name>ConvStripView</name>
    <message>
        <source>Train or build a model with a convolution followed by a pooling layer.</source>
        <extracomment>After a redraw: the chosen channel&apos;s pooled map and the source indices of its cells (engine&apos;s answer).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input {h}×{w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer} channel {n}, {h}×{w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}, {h}×{w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max pooling keeps {kept} of the {total} values of channel {n} — the largest of each {window} window, outlined on the conv map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average pooling replaces each outlined {window} window of channel {n} by its mean: {kept} values from {total}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover a pooled cell to see where it came from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>numeric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>categorical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>datetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary classification</source>
        <translation type="unfinished">二分类</translation>
    </message>
    <message>
        <source>multiclass classification</source>
        <translation type="unfinished">多分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation type="unfinished">回归</translation>
    </message>
    <message>
        <source>Line in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number, but column &apos;{column}&apos; holds numbers: this cell is read as missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import CSV — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the detected options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-click a column header to set its type or role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} (seen in the first {rows} rows; OK checks the whole file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one column as the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished">类型</translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished">角色</translation>
    </message>
</context>
<context>
    <name>CsvOptionsForm</name>
    <message>
        <source>Encoding:</source>
        <extracomment>The encodings offered (label shown → Python codec); any other codec name can be typed.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decimal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thousands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing markers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point ( . )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished">无</translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apostrophe ( &apos; )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First row holds the column names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip bad lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip rows that have more fields than the header instead of refusing the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell texts read as missing values, separated by commas. Empty cells are always missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s text encoding; type any other encoding name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One character that separates the fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>binary classification</source>
        <extracomment>Pause after the last control edit before the toy is regenerated.</extracomment>
        <translation>二分类</translation>
    </message>
    <message>
        <source>multiclass classification</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>{name}: {rows} rows, {features} features, {task}</source>
        <translation>{name}：{rows} 行，{features} 个特征，{task}</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Samples per class</source>
        <translation>每个类别的样本数</translation>
    </message>
    <message>
        <source>2-D toy datasets</source>
        <translation>二维示例数据集</translation>
    </message>
    <message>
        <source>Settings of the selected toy</source>
        <translation>所选示例数据集的设置</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Size (samples)</source>
        <translation>大小（样本数）</translation>
    </message>
    <message>
        <source>Validation ratio</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Standard deviation of the random jitter added to every point.
Typical: 0.1.</source>
        <translation>加到每个点上的随机扰动的标准差。
典型值：0.1。</translation>
    </message>
    <message>
        <source>How many points to generate.
Typical: 200.</source>
        <translation>要生成的点数。
典型值：200。</translation>
    </message>
    <message>
        <source>Fraction of the points held out for validation, drawn as rings in the thumbnail.
Typical: 0.2.</source>
        <translation>留作验证的点所占比例，在缩略图中以空心圆显示。
典型值：0.2。</translation>
    </message>
    <message>
        <source>Other built-in datasets</source>
        <translation>其他内置数据集</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Train on your own table: choose a CSV file and its target column.</source>
        <translation>用你自己的表格训练：选择一个 CSV 文件及其目标列。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>No dataset chosen: click a thumbnail or a name.</source>
        <translation>尚未选择数据集：请点击缩略图或名称。</translation>
    </message>
</context>
<context>
    <name>DecisionBoundaryView</name>
    <message>
        <source>Choose two different columns.</source>
        <extracomment>How strongly the heatmap is coloured (1 = the points&apos; own colours); lighter, so that the points stand out.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>principal component 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>principal component 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two columns (others at median)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCA projection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plane:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>NumPy weights (.npz)</source>
        <translation>NumPy 权重（.npz）</translation>
    </message>
    <message>
        <source>safetensors, PyTorch names</source>
        <translation>safetensors（PyTorch 命名）</translation>
    </message>
    <message>
        <source>JSON weights (readable)</source>
        <translation>JSON 权重（可读）</translation>
    </message>
    <message>
        <source>Text dump per unit (.txt)</source>
        <translation>逐单元文本（.txt）</translation>
    </message>
    <message>
        <source>ONNX model (.onnx)</source>
        <translation>ONNX 模型（.onnx）</translation>
    </message>
    <message>
        <source>PyTorch script (.py + safetensors)</source>
        <translation>PyTorch 脚本（.py + safetensors）</translation>
    </message>
    <message>
        <source>(needs pip install &apos;nn-training-studio[%1]&apos;)</source>
        <translation>（需要 pip install &apos;nn-training-studio[%1]&apos;）</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>请至少选择一种格式。</translation>
    </message>
    <message>
        <source>Choose a folder to export to.</source>
        <translation>请选择导出文件夹。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Wrote %1 to %2.</source>
        <translation>已将 %1 写入 %2。</translation>
    </message>
</context>
<context>
    <name>ExportTasks</name>
    <message>
        <source>Cancelled by the user; no file was written by the unfinished step.</source>
        <translation>已被用户取消；未完成的步骤没有写入任何文件。</translation>
    </message>
</context>
<context>
    <name>FeatureMapsView</name>
    <message>
        <source>Choose a convolution or pooling layer and a sample; its feature maps appear here.</source>
        <extracomment>The newest maps (C, H, W) and whose they are; what the grid shows after the next redraw.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one colour scale for all channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each channel on its own colour scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}: {channels} channels of {height}×{width} for sample {sample}; bright = large output, {scale}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same scale for all channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: channels can be compared (a dark tile is a weak channel). Off: every channel is stretched to its own range to show its pattern.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FiltersView</name>
    <message>
        <source>Choose a convolution layer; its kernels appear here.</source>
        <extracomment>The kernels as given (out, in, kh, kw) in [0, 1], the layer they belong to, its largest |weight|.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{f}·{c}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}: {out} filters × {inputs} input channels, {kh}×{kw} kernels. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile f·c is filter f on input channel c. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orange = negative weight, white = 0, blue = positive; one scale for the whole layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradCamView</name>
    <message>
        <source>Heatmap opacity: {percent}%</source>
        <extracomment>The input is darkened under the heatmap so that red and yellow stand out on white strokes. The blended RGBA image of the last redraw (H, W, 4), the input&apos;s size.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a model with a convolution layer; the evidence for its prediction appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({percent:.0f}%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · true class: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coloured regions raised the predicted class&apos;s score (yellow most); uncoloured ones did not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No position raised the class&apos;s score with this method (common with a flatten + dense head); try HiResCAM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where the evidence is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM weighs each feature map of the last convolution layer by its mean gradient; HiResCAM multiplies map and gradient position by position, which suits a flatten + dense head.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradientFlowView</name>
    <message>
        <source>Gradient flow — mean |gradient| per layer</source>
        <extracomment>Points get markers while there are at most this many epochs; longer runs are drawn as lines only.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">轮次</translation>
    </message>
    <message>
        <source>Mean |gradient| (log)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HardestSamplesView</name>
    <message>
        <source>{wrong} of {total} validation rows misclassified</source>
        <extracomment>Rows listed (the hardest ones).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} validation rows, highest loss first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misclassified first, then by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss (highest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence (sure mistakes, unsure answers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished">目标</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">损失函数</translation>
    </message>
</context>
<context>
    <name>HistogramsView</name>
    <message>
        <source>{name} — {share} dead</source>
        <extracomment>What can be shown, in the chooser&apos;s order. Epochs drawn per plot (evenly spaced over the run, always including the newest). Small arrays (a 2×4 kernel) get fewer bins, down to this many, so their histograms are not all gaps. per kind: list of (epoch, edges, counts by layer)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} — {share} saturated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished">权重</translation>
    </message>
    <message>
        <source>Biases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished">激活函数</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerBuilder</name>
    <message>
        <source>Add {name}</source>
        <translation>添加 {name}</translation>
    </message>
    <message>
        <source>Duplicate layer</source>
        <translation>复制层</translation>
    </message>
    <message>
        <source>Preset: {name}</source>
        <translation>预设：{name}</translation>
    </message>
    <message>
        <source>The shapes and parameters appear once a dataset is chosen.</source>
        <translation>选择数据集后将显示形状和参数。</translation>
    </message>
    <message>
        <source>Select a layer to edit its parameters.</source>
        <translation>选择一层以编辑其参数。</translation>
    </message>
    <message>
        <source>Perceptron</source>
        <translation>感知机</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>MLP, 1 hidden layer</source>
        <translation>MLP，1 个隐藏层</translation>
    </message>
    <message>
        <source>MLP, 2 hidden layers</source>
        <translation>MLP，2 个隐藏层</translation>
    </message>
    <message>
        <source>Deep MLP</source>
        <translation>深层 MLP</translation>
    </message>
    <message>
        <source>Small CNN</source>
        <translation>小型 CNN</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <source>Add a layer after the selected one (type to search)</source>
        <translation>在所选层之后添加一层（输入文字可搜索）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected layer</source>
        <translation>删除所选层</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Insert a copy of the selected layer</source>
        <translation>插入所选层的副本</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected layer one place up</source>
        <translation>将所选层上移一位</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected layer one place down</source>
        <translation>将所选层下移一位</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Replace the model by a ready-made one sized for the data (undoable)</source>
        <translation>用按数据规模配置好的现成模型替换当前模型（可撤销）</translation>
    </message>
    <message>
        <source>Search layers…</source>
        <translation>搜索层…</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>形状变换</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>LayerCommands</name>
    <message>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>删除层</translation>
    </message>
    <message>
        <source>Move layer</source>
        <translation>移动层</translation>
    </message>
    <message>
        <source>Edit layer</source>
        <translation>编辑层</translation>
    </message>
</context>
<context>
    <name>LoadBar</name>
    <message>
        <source>Cancel loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the whole file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LossCurvesView</name>
    <message>
        <source>train</source>
        <translation type="unfinished">训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished">验证</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {step} (epoch {epoch})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(smoothed {value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train (per batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">轮次</translation>
    </message>
    <message>
        <source>Step (batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">损失函数</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished">轮数</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TensorBoard-style exponential moving average (0 = raw); the raw curve stays faint behind the smoothed one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LossLandscapeView</name>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss at the current weights: {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the points not computed are left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished">损失函数</translation>
    </message>
    <message>
        <source>1 direction (curve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 directions (contours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">取消</translation>
    </message>
    <message>
        <source>Loss along random filter-normalised directions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Valid configuration: {config}</source>
        <translation>配置有效：{config}</translation>
    </message>
    <message>
        <source>About NN Training Studio</source>
        <translation>关于神经网络训练工作室</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;NN Training Studio&lt;/b&gt; {version}&lt;/p&gt;&lt;p&gt;Build, train and inspect neural networks with a NumPy engine you can read.&lt;/p&gt;&lt;p&gt;Components available: {count}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;神经网络训练工作室&lt;/b&gt; {version}&lt;/p&gt;&lt;p&gt;用一个看得懂源码的 NumPy 引擎搭建、训练和分析神经网络。&lt;/p&gt;&lt;p&gt;可用组件：{count} 个。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>NN Training Studio</source>
        <translation>神经网络训练工作室</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the studio</source>
        <translation>关闭工作室</translation>
    </message>
    <message>
        <source>&amp;About NN Training Studio</source>
        <translation>关于神经网络训练工作室(&amp;A)</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>&amp;Components panel</source>
        <translation>组件面板(&amp;C)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning-rate schedules</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>形状变换</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Select a component to see its parameters.</source>
        <translation>选择一个组件以查看其参数。</translation>
    </message>
    <message>
        <source>Dataset: {name}</source>
        <translation>数据集：{name}</translation>
    </message>
    <message>
        <source>{name}: {samples} samples, {features} features, {classes} classes. Components: {components}.</source>
        <translation>{name}：{samples} 个样本，{features} 个特征，{classes} 个类别。组件：{components} 个。</translation>
    </message>
</context>
<context>
    <name>MessageArea</name>
    <message>
        <source>Skip these lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricCurvesView</name>
    <message>
        <source>Accuracy</source>
        <extracomment>The metrics offered first for each task (the trainer&apos;s defaults); other metrics seen in the logs follow. Log entries that are not metrics.</extracomment>
        <translation type="unfinished">准确率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished">F1</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAE</source>
        <translation type="unfinished">MAE</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation type="unfinished">RMSE</translation>
    </message>
    <message>
        <source>R²</source>
        <translation type="unfinished">R²</translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished">训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished">验证</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">学习率</translation>
    </message>
    <message>
        <source>lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">轮次</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metric to plot, on the training and the validation data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelSummary</name>
    <message>
        <source>Total params:</source>
        <translation>参数总数：</translation>
    </message>
    <message>
        <source>Trainable params:</source>
        <translation>可训练参数：</translation>
    </message>
    <message>
        <source>Non-trainable params:</source>
        <translation>不可训练参数：</translation>
    </message>
    <message>
        <source>Every weight, bias and buffer of the model.</source>
        <translation>模型的全部权重、偏置和缓冲区。</translation>
    </message>
    <message>
        <source>Values the optimizer updates during training.</source>
        <translation>训练时由优化器更新的值。</translation>
    </message>
    <message>
        <source>Values training does not change: frozen layers and running statistics (batch norm).</source>
        <translation>训练不会改变的值：冻结的层和滑动统计量（批归一化）。</translation>
    </message>
</context>
<context>
    <name>NetworkGraphView</name>
    <message>
        <source>{name}[{i}, {j}] =</source>
        <extracomment>Formulas list every term up to this many inputs, else the largest ones and how many are left out. Activations whose outputs are probabilities: their maps are coloured around ½ instead of 0.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{param}: {source} → {target}: w = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover a neuron or a weight for its formula; click a weight to edit it while training is paused.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Typical value: {value}</source>
        <translation>典型值：{value}</translation>
    </message>
    <message>
        <source>Expected: {expected}</source>
        <translation>取值要求：{expected}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Export PNG…</source>
        <extracomment>Supported formats: suffix → the file dialog&apos;s filter label.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolingExplorer</name>
    <message>
        <source>“{text}” is not a number; the cell keeps {value}.</source>
        <extracomment>Modes in the chooser&apos;s order: max pooling, average pooling, k-max pooling. Paddings in the chooser&apos;s order (the engine&apos;s names). The input grid, and after every change the engine&apos;s answer: values/sources/windows are (OH, OW, m).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {rows}×{cols} input cannot go through a {w}×{w} window with stride {s}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {rows}×{cols} input, padded at the edges (same), through a {w}×{w} window with stride {s} becomes {out_r}×{out_c}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A {rows}×{cols} input through a {w}×{w} window with stride {s} becomes {out_r}×{out_c}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each output is the largest value of its window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each output is the average of its window (padding cells count as 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each output is the average of its window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each output keeps the {k} largest values of its window, in their original order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover or click an output cell to see which input cells it came from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation type="unfinished">池化</translation>
    </message>
    <message>
        <source>k (k-max)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input (editable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished">输出</translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k-max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid: only whole windows; same: pad so that the output is the input size divided by the stride, rounded up.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrView</name>
    <message>
        <source>Precision-recall curve</source>
        <translation type="unfinished">精确率-召回率曲线</translation>
    </message>
    <message>
        <source>Precision-recall (one-vs-rest) — mean AP = {ap}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision-recall — AP = {ap}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished">召回率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished">精确率</translation>
    </message>
</context>
<context>
    <name>PredictDialog</name>
    <message>
        <source>Predict on CSV</source>
        <translation>对 CSV 进行预测</translation>
    </message>
    <message>
        <source>CSV file:</source>
        <translation>CSV 文件：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Save predictions…</source>
        <translation>保存预测…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>CSV file to predict</source>
        <translation>要预测的 CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save predictions</source>
        <translation>保存预测</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Choose a CSV file first.</source>
        <translation>请先选择 CSV 文件。</translation>
    </message>
    <message>
        <source>Predicting…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <source>Predict a file before saving.</source>
        <translation>请先预测一个文件再保存。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>%1 rows predicted; the first %2 are shown.</source>
        <translation>已预测 %1 行；显示前 %2 行。</translation>
    </message>
    <message>
        <source>Saved the predictions to %1.</source>
        <translation>预测已保存到 %1。</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Training report</source>
        <translation>训练报告</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Rows in the file</source>
        <translation>文件行数</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>不同值</translation>
    </message>
    <message>
        <source>Samples per class</source>
        <translation>各类别样本数</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Numeric inputs</source>
        <translation>数值输入</translation>
    </message>
    <message>
        <source>Categorical inputs</source>
        <translation>类别输入</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Layer (type)</source>
        <translation>层（类型）</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>参数数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Total params</source>
        <translation>参数总数</translation>
    </message>
    <message>
        <source>Trainable params</source>
        <translation>可训练参数</translation>
    </message>
    <message>
        <source>Input shape</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <source>Hyperparameters and seed</source>
        <translation>超参数与随机种子</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Training curves</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <source>Number type</source>
        <translation>数值类型</translation>
    </message>
    <message>
        <source>No per-epoch history is available.</source>
        <translation>没有逐轮训练记录。</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Loss per epoch</source>
        <translation>每轮损失</translation>
    </message>
    <message>
        <source>{metric} per epoch</source>
        <translation>每轮{metric}</translation>
    </message>
    <message>
        <source>Final metrics</source>
        <translation>最终指标</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Per-class metrics ({part} part)</source>
        <translation>各类别指标（{part}集）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Decision threshold</source>
        <translation>决策阈值</translation>
    </message>
    <message>
        <source>Positive class “{positive}” when its probability ≥ {value}</source>
        <translation>当概率 ≥ {value} 时判为正类“{positive}”</translation>
    </message>
    <message>
        <source>The class with the highest probability is predicted (arg-max).</source>
        <translation>预测概率最高的类别（arg-max）。</translation>
    </message>
    <message>
        <source>Evaluation on the {part} part</source>
        <translation>{part}集上的评估</translation>
    </message>
    <message>
        <source>ROC curve</source>
        <translation>ROC 曲线</translation>
    </message>
    <message>
        <source>Precision-recall curve</source>
        <translation>精确率-召回率曲线</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>假正例率</translation>
    </message>
    <message>
        <source>True positive rate</source>
        <translation>真正例率</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Predicted against true values</source>
        <translation>预测值与真实值</translation>
    </message>
    <message>
        <source>True value</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>Predicted value</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>binary classification</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>multiclass classification</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation>平衡准确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <source>Log loss</source>
        <translation>对数损失</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>特异度</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
</context>
<context>
    <name>RocView</name>
    <message>
        <source>ROC curve</source>
        <translation type="unfinished">ROC 曲线</translation>
    </message>
    <message>
        <source>ROC (one-vs-rest) — macro AUC = {auc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROC — AUC = {auc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation type="unfinished">假正例率</translation>
    </message>
    <message>
        <source>True positive rate</source>
        <translation type="unfinished">真正例率</translation>
    </message>
</context>
<context>
    <name>SchedulePreview</name>
    <message>
        <source>Learning-rate schedule</source>
        <extracomment>Longer previews are drawn from this many evenly spread t values (``lr_at``), so a preview stays instant.</extracomment>
        <translation type="unfinished">学习率调度</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished">学习率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished">轮次</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished">步骤</translation>
    </message>
</context>
<context>
    <name>ScoreCurveView</name>
    <message>
        <source>chance</source>
        <extracomment>(x, y, area, label) of one class&apos;s curve. The area shown in the title (AUC or AP; macro mean for several classes), None before data or on error.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threshold {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>macro average ({area})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <source>Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished">无</translation>
    </message>
    <message>
        <source>Detected: {task}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{classes} classes in the first {rows} rows: {counts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{classes} classes: {counts}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThresholdPanel</name>
    <message>
        <source>TP {tp} · FP {fp} · FN {fn} · TN {tn}</source>
        <extracomment>The slider&apos;s resolution: 1000 steps over [0, 1]. The metrics shown, in order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sample counts as positive when its score is at least this threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished">精确率</translation>
    </message>
    <message>
        <source>Recall (sensitivity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished">F1</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation type="unfinished">特异度</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished">准确率</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>The schedule gives a learning rate that is not a finite number.</source>
        <extracomment>The preview evaluates the schedule at most at this many steps (evenly spread over longer runs).</extracomment>
        <translation>该调度给出的学习率不是有限数。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>训练方法</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>耐心轮数</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监控指标</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>Stop when the monitored value stops improving</source>
        <translation>监控值不再改善时停止</translation>
    </message>
    <message>
        <source>None (constant learning rate)</source>
        <translation>无（恒定学习率）</translation>
    </message>
    <message>
        <source>Per layer (each layer&apos;s own)</source>
        <translation>逐层（使用各层自己的设置）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Perceptron rule</source>
        <translation>感知机规则</translation>
    </message>
    <message>
        <source>What training minimises; the losses suited to the task come first.
Typical: binary cross-entropy (two classes), categorical cross-entropy (several), MSE (regression).</source>
        <translation>训练要最小化的量；适合当前任务的损失函数排在前面。
典型值：二元交叉熵（两类）、分类交叉熵（多类）、MSE（回归）。</translation>
    </message>
    <message>
        <source>How the weights follow the gradient.
Typical: Adam with lr 0.001–0.01; SGD with momentum 0.9.</source>
        <translation>权重如何沿梯度更新。
典型值：Adam，学习率 0.001–0.01；或 SGD，动量 0.9。</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run; the plot below previews it.
Typical: none, or cosine for long runs.</source>
        <translation>学习率在训练过程中如何变化；下方的图给出预览。
典型值：无；长时间训练可用余弦调度。</translation>
    </message>
    <message>
        <source>Replaces the kernel initializer of every dense and convolutional layer.
Typical: per layer (Glorot for tanh/sigmoid, He for ReLU).</source>
        <translation>替换所有全连接层和卷积层的核初始化方法。
典型值：逐层（tanh/sigmoid 用 Glorot，ReLU 用 He）。</translation>
    </message>
    <message>
        <source>A penalty on the kernels of every dense and convolutional layer, against overfitting.
Typical: none, or L2 with 1e-4.</source>
        <translation>对所有全连接层和卷积层的核施加惩罚，以防过拟合。
典型值：无，或 L2 取 1e-4。</translation>
    </message>
    <message>
        <source>Samples per weight update.
Typical: 32.</source>
        <translation>每次权重更新使用的样本数。
典型值：32。</translation>
    </message>
    <message>
        <source>Use all training samples for every update (one step per epoch).
Typical: on for tiny datasets such as the logic gates.</source>
        <translation>每次更新都使用全部训练样本（每轮一步）。
典型值：对逻辑门这类很小的数据集打开。</translation>
    </message>
    <message>
        <source>Passes over the training data.
Typical: 100 for the toy datasets.</source>
        <translation>遍历训练数据的次数。
典型值：示例数据集用 100。</translation>
    </message>
    <message>
        <source>Fraction of the samples held out to measure generalisation (never trained on).
Typical: 0.2.</source>
        <translation>留出用于衡量泛化能力的样本比例（不参与训练）。
典型值：0.2。</translation>
    </message>
    <message>
        <source>Seed of the weights, shuffling and split: the same seed repeats the run exactly.
Typical: 0.</source>
        <translation>权重初始化、打乱和划分所用的种子：相同的种子会完全重现同一次训练。
典型值：0。</translation>
    </message>
    <message>
        <source>Backpropagation trains any model; the perceptron rule (Rosenblatt) trains a single dense layer with a step activation.
Typical: backpropagation.</source>
        <translation>反向传播可训练任何模型；感知机规则（Rosenblatt）只训练单个使用阶跃激活的全连接层。
典型值：反向传播。</translation>
    </message>
    <message>
        <source>End the run when the monitored value has not improved for &apos;patience&apos; epochs.
Typical: off for learning, on for long runs.</source>
        <translation>当监控值连续“耐心轮数”轮没有改善时结束训练。
典型值：学习时关闭，长时间训练时打开。</translation>
    </message>
    <message>
        <source>Epochs without improvement before stopping.
Typical: 10.</source>
        <translation>停止前允许没有改善的轮数。
典型值：10。</translation>
    </message>
    <message>
        <source>The epoch value watched by early stopping.
Typical: val_loss.</source>
        <translation>早停所监控的每轮数值。
典型值：val_loss。</translation>
    </message>
    <message>
        <source>The learning rate at every epoch (or step) of the planned run.</source>
        <translation>计划训练中每一轮（或每一步）的学习率。</translation>
    </message>
</context>
</TS>
