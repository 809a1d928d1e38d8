<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationExplorerView</name>
    <message>
        <source>Activation:</source>
        <translation>激活函数：</translation>
    </message>
    <message>
        <source>Pin to compare</source>
        <translation>固定以比较</translation>
    </message>
    <message>
        <source>Clear pinned</source>
        <translation>清除已固定</translation>
    </message>
    <message>
        <source>f(x) solid, f′(x) dashed; shaded: saturation</source>
        <translation>f(x) 为实线，f′(x) 为虚线；阴影：饱和区</translation>
    </message>
</context>
<context>
    <name>ColumnsPanel</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
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
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Selected columns:</source>
        <translation>所选列：</translation>
    </message>
    <message>
        <source>Set type…</source>
        <translation>设置类型…</translation>
    </message>
    <message>
        <source>Set role…</source>
        <translation>设置角色…</translation>
    </message>
</context>
<context>
    <name>ComponentBrowser</name>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
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
        <translation>变形</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Select a component to see its parameters.</source>
        <translation>选择一个组件以查看其参数。</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>Show:</source>
        <extracomment>Display modes: counts, each row divided by its total (true class), each column by its total (prediction). Matrices larger than this show colours only (the numbers would not fit).</extracomment>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Row % (recall)</source>
        <translation>行百分比（召回率）</translation>
    </message>
    <message>
        <source>Column % (precision)</source>
        <translation>列百分比（精确率）</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
</context>
<context>
    <name>ConvStripView</name>
    <message>
        <source>Train or build a model with a convolution followed by a pooling layer.</source>
        <extracomment>After a redraw: the chosen channel&apos;s pooled map and the source indices of its cells (engine&apos;s answer).</extracomment>
        <translation>请训练或构建一个卷积层后接池化层的模型。</translation>
    </message>
    <message>
        <source>input {h}×{w}</source>
        <translation>输入 {h}×{w}</translation>
    </message>
    <message>
        <source>{layer} channel {n}, {h}×{w}</source>
        <translation>{layer} 通道 {n}，{h}×{w}</translation>
    </message>
    <message>
        <source>conv</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>{layer}, {h}×{w}</source>
        <translation>{layer}，{h}×{w}</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Max pooling keeps {kept} of the {total} values of channel {n} — the largest of each {window} window, outlined on the conv map.</source>
        <translation>最大池化保留通道 {n} 的 {total} 个值中的 {kept} 个——每个 {window} 窗口中的最大值，已在卷积特征图上框出。</translation>
    </message>
    <message>
        <source>Average pooling replaces each outlined {window} window of channel {n} by its mean: {kept} values from {total}.</source>
        <translation>平均池化把通道 {n} 中每个框出的 {window} 窗口替换为其平均值：由 {total} 个值得到 {kept} 个值。</translation>
    </message>
    <message>
        <source>Hover a pooled cell to see where it came from.</source>
        <translation>将鼠标悬停在池化后的单元格上，查看它来自哪里。</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>通道：</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>numeric</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔</translation>
    </message>
    <message>
        <source>datetime</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>identifier</source>
        <translation>标识符</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>忽略</translation>
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
        <source>Line in the file</source>
        <translation>文件中的行号</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number, but column &apos;{column}&apos; holds numbers: this cell is read as missing.</source>
        <translation>“{value}”不是数字，但列“{column}”存放的是数字：此单元格按缺失值读取。</translation>
    </message>
    <message>
        <source>missing value</source>
        <translation>缺失值</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import CSV — {name}</source>
        <extracomment>run on the loaded dataset in the loading thread (the window splits the table there); its result is :meth:`result_prepared`</extracomment>
        <translation>导入 CSV — {name}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {size}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {size}大小</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the detected options</source>
        <translation>恢复为检测到的选项</translation>
    </message>
    <message>
        <source>Right-click a column header to set its type or role.</source>
        <translation>右键单击列标题可设置其类型或角色。</translation>
    </message>
    <message>
        <source>{problem} (seen in the first {rows} rows; OK checks the whole file)</source>
        <translation>{problem}（在前 {rows} 行中发现；点击确定会检查整个文件）</translation>
    </message>
    <message>
        <source>Choose one column as the target.</source>
        <translation>请选择一列作为目标。</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>CsvOptionsForm</name>
    <message>
        <source>Encoding:</source>
        <extracomment>The encodings offered (label shown → Python codec); any other codec name can be typed.</extracomment>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <source>Decimal:</source>
        <translation>小数点：</translation>
    </message>
    <message>
        <source>Thousands:</source>
        <translation>千位分隔符：</translation>
    </message>
    <message>
        <source>Missing markers:</source>
        <translation>缺失值标记：</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>逗号 ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>分号 ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>竖线 ( | )</translation>
    </message>
    <message>
        <source>Spaces</source>
        <translation>空格（多个）</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>其他…</translation>
    </message>
    <message>
        <source>Point ( . )</source>
        <translation>句点 ( . )</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Apostrophe ( &apos; )</source>
        <translation>撇号 ( &apos; )</translation>
    </message>
    <message>
        <source>First row holds the column names</source>
        <translation>第一行是列名</translation>
    </message>
    <message>
        <source>Skip bad lines</source>
        <translation>跳过错误行</translation>
    </message>
    <message>
        <source>Skip rows that have more fields than the header instead of refusing the file.</source>
        <translation>跳过字段数多于标题行的行，而不是拒绝整个文件。</translation>
    </message>
    <message>
        <source>Cell texts read as missing values, separated by commas. Empty cells are always missing.</source>
        <translation>按缺失值读取的单元格文本，以逗号分隔。空单元格总是视为缺失。</translation>
    </message>
    <message>
        <source>The file&apos;s text encoding; type any other encoding name.</source>
        <translation>文件的文本编码；也可输入其他编码名称。</translation>
    </message>
    <message>
        <source>One character that separates the fields</source>
        <translation>分隔字段的单个字符</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>检测到</translation>
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
        <translation>请选择两个不同的列。</translation>
    </message>
    <message>
        <source>principal component 1</source>
        <translation>主成分 1</translation>
    </message>
    <message>
        <source>principal component 2</source>
        <translation>主成分 2</translation>
    </message>
    <message>
        <source>Two columns (others at median)</source>
        <translation>两列（其余取中位数）</translation>
    </message>
    <message>
        <source>PCA projection</source>
        <translation>PCA 投影</translation>
    </message>
    <message>
        <source>Plane:</source>
        <translation>平面：</translation>
    </message>
    <message>
        <source>X:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Y:</source>
        <translation>Y 轴：</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>Show validation</source>
        <translation>显示验证集</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
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
        <translation>选择一个卷积层或池化层以及一个样本，其特征图将显示在这里。</translation>
    </message>
    <message>
        <source>channel {n}</source>
        <translation>通道 {n}</translation>
    </message>
    <message>
        <source>one colour scale for all channels</source>
        <translation>所有通道使用同一色标</translation>
    </message>
    <message>
        <source>each channel on its own colour scale</source>
        <translation>每个通道使用各自的色标</translation>
    </message>
    <message>
        <source>{layer}: {channels} channels of {height}×{width} for sample {sample}; bright = large output, {scale}.</source>
        <translation>{layer}：样本 {sample} 的 {channels} 个 {height}×{width} 通道；越亮表示输出越大，{scale}。</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>样本：</translation>
    </message>
    <message>
        <source>Same scale for all channels</source>
        <translation>所有通道使用相同色标</translation>
    </message>
    <message>
        <source>On: channels can be compared (a dark tile is a weak channel). Off: every channel is stretched to its own range to show its pattern.</source>
        <translation>开：各通道可以相互比较（暗的图块表示弱通道）。关：每个通道拉伸到自身范围以显示其模式。</translation>
    </message>
</context>
<context>
    <name>FiltersView</name>
    <message>
        <source>Choose a convolution layer; its kernels appear here.</source>
        <extracomment>The kernels as given (out, in, kh, kw) in [0, 1], the layer they belong to, its largest |weight|.</extracomment>
        <translation>选择一个卷积层，其卷积核将显示在这里。</translation>
    </message>
    <message>
        <source>filter {n}</source>
        <translation>滤波器 {n}</translation>
    </message>
    <message>
        <source>{f}·{c}</source>
        <translation>{f} · {c}</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>{layer}: {out} filters × {inputs} input channels, {kh}×{kw} kernels. </source>
        <translation>{layer}：{out} 个滤波器 × {inputs} 个输入通道，{kh}×{kw} 卷积核。</translation>
    </message>
    <message>
        <source>Tile f·c is filter f on input channel c. </source>
        <translation>图块 f·c 表示滤波器 f 在输入通道 c 上的权重。</translation>
    </message>
    <message>
        <source>Orange = negative weight, white = 0, blue = positive; one scale for the whole layer.</source>
        <translation>橙色 = 负权重，白色 = 0，蓝色 = 正权重；整层使用同一色标。</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
</context>
<context>
    <name>GradCamView</name>
    <message>
        <source>Heatmap opacity: {percent}%</source>
        <extracomment>The input is darkened under the heatmap so that red and yellow stand out on white strokes. The blended RGBA image of the last redraw (H, W, 4), the input&apos;s size.</extracomment>
        <translation>热图不透明度：{percent}%</translation>
    </message>
    <message>
        <source>Train a model with a convolution layer; the evidence for its prediction appears here.</source>
        <translation>请训练一个含卷积层的模型，其预测依据将显示在这里。</translation>
    </message>
    <message>
        <source>Predicted: {name}</source>
        <translation>预测：{name}</translation>
    </message>
    <message>
        <source> ({percent:.0f}%)</source>
        <translation>（{percent:.0f}%）</translation>
    </message>
    <message>
        <source> · true class: {name}</source>
        <translation> · 真实类别：{name}</translation>
    </message>
    <message>
        <source>Coloured regions raised the predicted class&apos;s score (yellow most); uncoloured ones did not.</source>
        <translation>着色区域提高了预测类别的得分（黄色最多）；未着色区域没有。</translation>
    </message>
    <message>
        <source>No position raised the class&apos;s score with this method (common with a flatten + dense head); try HiResCAM.</source>
        <translation>用此方法没有任何位置提高该类别的得分（展平 + 全连接输出头时常见）；请尝试 HiResCAM。</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>where the evidence is</source>
        <translation>依据所在位置</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>样本：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Grad-CAM weighs each feature map of the last convolution layer by its mean gradient; HiResCAM multiplies map and gradient position by position, which suits a flatten + dense head.</source>
        <translation>Grad-CAM 以平均梯度为最后一个卷积层的每个特征图加权；HiResCAM 将特征图与梯度逐位置相乘，适合展平 + 全连接输出头。</translation>
    </message>
</context>
<context>
    <name>GradientFlowView</name>
    <message>
        <source>Gradient flow — mean |gradient| per layer</source>
        <extracomment>Points get markers while there are at most this many epochs; longer runs are drawn as lines only.</extracomment>
        <translation>梯度流 — 每层的平均 |梯度|</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Mean |gradient| (log)</source>
        <translation>平均 |梯度|（对数）</translation>
    </message>
</context>
<context>
    <name>HardestSamplesView</name>
    <message>
        <source>{wrong} of {total} validation rows misclassified</source>
        <extracomment>Rows listed (the hardest ones).</extracomment>
        <translation>{total} 个验证行中有 {wrong} 个被错误分类</translation>
    </message>
    <message>
        <source>{total} validation rows, highest loss first</source>
        <translation>{total} 个验证行，损失最高的在前</translation>
    </message>
    <message>
        <source>Misclassified first, then by:</source>
        <translation>错误分类的在前，然后按：</translation>
    </message>
    <message>
        <source>Loss (highest first)</source>
        <translation>损失（从高到低）</translation>
    </message>
    <message>
        <source>Confidence (sure mistakes, unsure answers)</source>
        <translation>置信度（自信的错误、不确定的回答）</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>HistogramsView</name>
    <message>
        <source>{name} — {share} dead</source>
        <extracomment>What can be shown, in the chooser&apos;s order. Epochs drawn per plot (evenly spaced over the run, always including the newest). Small arrays (a 2×4 kernel) get fewer bins, down to this many, so their histograms are not all gaps. per kind: list of (epoch, edges, counts by layer)</extracomment>
        <translation>{name} — {share} 死亡</translation>
    </message>
    <message>
        <source>{name} — {share} saturated</source>
        <translation>{name} — {share} 饱和</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Biases</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>ImageShapeRow</name>
    <message>
        <source>Use as images</source>
        <translation>作为图像使用</translation>
    </message>
    <message>
        <source>Image shape:</source>
        <translation>图像形状：</translation>
    </message>
    <message>
        <source>e.g. 8x8, 1x8x8, 28x28x3</source>
        <translation>例如 8x8、1x8x8、28x28x3</translation>
    </message>
    <message>
        <source>Height×width for grey images (8x8); channels first (3x32x32) or last (32x32x3) for colour. Pixel columns are read in this order. Empty: a table.</source>
        <translation>灰度图像填写 高×宽（8x8）；彩色图像把通道放在前面（3x32x32）或后面（32x32x3）。像素列按此顺序读取。留空：按表格处理。</translation>
    </message>
    <message>
        <source>Images need one number column per pixel; ignore the columns that are not numbers.</source>
        <translation>图像需要每个像素一个数值列；请忽略非数值的列。</translation>
    </message>
    <message>
        <source>{shape} needs {needed} pixel columns; the table has {count} number columns besides the target.</source>
        <translation>{shape} 需要 {needed} 个像素列；除目标外，表格只有 {count} 个数值列。</translation>
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
    <name>LiveViews</name>
    <message>
        <source>Loss</source>
        <extracomment>Epoch-log keys shown in the status bar, in order, with the number of decimals.</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC 曲线</translation>
    </message>
    <message>
        <source>Precision–recall</source>
        <translation>精确率–召回率</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Histograms</source>
        <translation>直方图</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>梯度流</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>Hardest samples</source>
        <translation>最难样本</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>滤波器</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM 热图</translation>
    </message>
    <message>
        <source>Pooling explorer</source>
        <translation>池化演示</translation>
    </message>
</context>
<context>
    <name>LoadBar</name>
    <message>
        <source>Cancel loading</source>
        <translation>取消加载</translation>
    </message>
    <message>
        <source>Reading the whole file…</source>
        <translation>正在读取整个文件…</translation>
    </message>
    <message>
        <source>Loading failed.</source>
        <translation>加载失败。</translation>
    </message>
    <message>
        <source>Loading cancelled; nothing was changed.</source>
        <translation>已取消加载；未做任何更改。</translation>
    </message>
</context>
<context>
    <name>LossCurvesView</name>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>Step {step} (epoch {epoch})</source>
        <translation>第 {step} 步（第 {epoch} 轮）</translation>
    </message>
    <message>
        <source>(smoothed {value})</source>
        <translation>（平滑后 {value}）</translation>
    </message>
    <message>
        <source>train (per batch)</source>
        <translation>训练（每批）</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Step (batch)</source>
        <translation>步（批）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis.</source>
        <translation>在对数坐标轴上显示损失。</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <source>TensorBoard-style exponential moving average (0 = raw); the raw curve stays faint behind the smoothed one.</source>
        <translation>TensorBoard 风格的指数移动平均（0 = 原始值）；原始曲线以淡色显示在平滑曲线之后。</translation>
    </message>
</context>
<context>
    <name>LossLandscapeView</name>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Loss at the current weights: {loss}</source>
        <translation>当前权重处的损失：{loss}</translation>
    </message>
    <message>
        <source>Cancelled: the points not computed are left out.</source>
        <translation>已取消：未计算的点被略去。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>1 direction (curve)</source>
        <translation>1 个方向（曲线）</translation>
    </message>
    <message>
        <source>2 directions (contours)</source>
        <translation>2 个方向（等高线）</translation>
    </message>
    <message>
        <source>Span:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Loss along random filter-normalised directions</source>
        <translation>沿随机的滤波器归一化方向的损失</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Valid configuration: {config}</source>
        <extracomment>Bumped when the docks change, so that an older saved layout is not restored onto a different window. The first model for image data, when the convolution layers exist.</extracomment>
        <translation>配置有效：{config}</translation>
    </message>
    <message>
        <source>Reading the project&apos;s data was cancelled; open the project again or choose a dataset.</source>
        <translation>已取消读取项目的数据；请重新打开项目或选择一个数据集。</translation>
    </message>
    <message>
        <source>The model can be edited once the project&apos;s data is read.</source>
        <translation>项目的数据读取完成后才能编辑模型。</translation>
    </message>
    <message>
        <source>The project&apos;s data could not be loaded: {reason}</source>
        <translation>无法加载项目的数据：{reason}</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt)</source>
        <translation>表格文件 (*.csv *.tsv *.txt)</translation>
    </message>
    <message>
        <source>The project&apos;s data is still being read; train when it is loaded.</source>
        <translation>项目的数据仍在读取中；请在加载完成后再训练。</translation>
    </message>
    <message>
        <source>Choose a dataset and build a model first.</source>
        <translation>请先选择数据集并构建模型。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>The model cannot be edited while training runs; stop the run first.</source>
        <translation>训练运行时不能编辑模型；请先停止训练。</translation>
    </message>
    <message>
        <source>Choose a dataset first: exports, predictions and reports need the data the model was trained on.</source>
        <translation>请先选择数据集：导出、预测和报告需要模型训练所用的数据。</translation>
    </message>
    <message>
        <source>The current project could not be prepared for the dialog: {reason}</source>
        <translation>无法为此对话框准备当前项目：{reason}</translation>
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
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{project}[*] — NN Training Studio</source>
        <translation>{project}[*] — 神经网络训练工作室</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them first?</source>
        <translation>项目有未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <source>Stop the training before opening another project.</source>
        <translation>打开其他项目前请先停止训练。</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Projects (*.nnproj)</source>
        <translation>项目文件 (*.nnproj)</translation>
    </message>
    <message>
        <source>Could not open the project: {reason}</source>
        <translation>无法打开项目：{reason}</translation>
    </message>
    <message>
        <source>Could not save the project: {reason}</source>
        <translation>无法保存项目：{reason}</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
</context>
<context>
    <name>MessageArea</name>
    <message>
        <source>Skip these lines</source>
        <translation>跳过这些行</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……以及另外 {count} 个</translation>
    </message>
</context>
<context>
    <name>MetricCurvesView</name>
    <message>
        <source>Accuracy</source>
        <extracomment>The metrics offered first for each task (the trainer&apos;s defaults); other metrics seen in the logs follow. Log entries that are not metrics.</extracomment>
        <translation>准确率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1 分数</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC 值</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>平均绝对误差</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>均方根误差</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>决定系数 R²</translation>
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
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>The metric to plot, on the training and the validation data.</source>
        <translation>要绘制的指标（训练数据和验证数据）。</translation>
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
        <translation>{name}[{i}, {j}] 等于</translation>
    </message>
    <message>
        <source>{param}: {source} → {target}: w = {value}</source>
        <translation>{param}：{source} → {target}：权重 w = {value}</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Hover a neuron or a weight for its formula; click a weight to edit it while training is paused.</source>
        <translation>将鼠标悬停在神经元或权重上查看其公式；训练暂停时单击权重可编辑它。</translation>
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
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Could not export the plot: {error}</source>
        <translation>无法导出图表：{error}</translation>
    </message>
</context>
<context>
    <name>PoolingExplorer</name>
    <message>
        <source>“{text}” is not a number; the cell keeps {value}.</source>
        <extracomment>Modes in the chooser&apos;s order: max pooling, average pooling, k-max pooling. Paddings in the chooser&apos;s order (the engine&apos;s names). The input grid, and after every change the engine&apos;s answer: values/sources/windows are (OH, OW, m).</extracomment>
        <translation>“{text}”不是数字；该单元格保持 {value}。</translation>
    </message>
    <message>
        <source>A {rows}×{cols} input cannot go through a {w}×{w} window with stride {s}:</source>
        <translation>{rows}×{cols} 的输入无法通过步幅为 {s} 的 {w}×{w} 窗口：</translation>
    </message>
    <message>
        <source>A {rows}×{cols} input, padded at the edges (same), through a {w}×{w} window with stride {s} becomes {out_r}×{out_c}.</source>
        <translation>{rows}×{cols} 的输入在边缘填充（same）后，通过步幅为 {s} 的 {w}×{w} 窗口，变为 {out_r}×{out_c}。</translation>
    </message>
    <message>
        <source>A {rows}×{cols} input through a {w}×{w} window with stride {s} becomes {out_r}×{out_c}.</source>
        <translation>{rows}×{cols} 的输入通过步幅为 {s} 的 {w}×{w} 窗口，变为 {out_r}×{out_c}。</translation>
    </message>
    <message>
        <source>Each output is the largest value of its window.</source>
        <translation>每个输出是其窗口中的最大值。</translation>
    </message>
    <message>
        <source>Each output is the average of its window (padding cells count as 0).</source>
        <translation>每个输出是其窗口的平均值（填充单元格按 0 计）。</translation>
    </message>
    <message>
        <source>Each output is the average of its window.</source>
        <translation>每个输出是其窗口的平均值。</translation>
    </message>
    <message>
        <source>Each output keeps the {k} largest values of its window, in their original order.</source>
        <translation>每个输出保留其窗口中最大的 {k} 个值，并保持原来的顺序。</translation>
    </message>
    <message>
        <source>Hover or click an output cell to see which input cells it came from.</source>
        <translation>悬停或单击输出单元格，查看它来自哪些输入单元格。</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>输入大小</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步幅</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>k (k-max)</source>
        <translation>k（k-最大）</translation>
    </message>
    <message>
        <source>Input (editable)</source>
        <translation>输入（可编辑）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>k-max</source>
        <translation>k-最大</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效（valid）</translation>
    </message>
    <message>
        <source>same</source>
        <translation>相同（same）</translation>
    </message>
    <message>
        <source>valid: only whole windows; same: pad so that the output is the input size divided by the stride, rounded up.</source>
        <translation>valid：只使用完整窗口；same：填充使输出大小等于输入大小除以步幅并向上取整。</translation>
    </message>
</context>
<context>
    <name>PrView</name>
    <message>
        <source>Precision-recall curve</source>
        <translation>精确率-召回率曲线</translation>
    </message>
    <message>
        <source>Precision-recall (one-vs-rest) — mean AP = {ap}</source>
        <translation>精确率-召回率（一对其余）— 平均 AP = {ap}</translation>
    </message>
    <message>
        <source>Precision-recall — AP = {ap}</source>
        <translation>精确率-召回率 — AP = {ap}</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
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
    <name>ProjectDataLoader</name>
    <message>
        <source>Reading the project&apos;s data from {file}…</source>
        <extracomment>A read shorter than this never shows the progress dialog.</extracomment>
        <translation>正在从 {file} 读取项目的数据…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opening the project</source>
        <translation>正在打开项目</translation>
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
        <translation>F1 分数</translation>
    </message>
    <message>
        <source>ROC AUC</source>
        <translation>ROC 曲线下面积 AUC</translation>
    </message>
    <message>
        <source>Log loss</source>
        <translation>对数损失</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>决定系数 R²</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>平均绝对误差 MAE</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>均方根误差 RMSE</translation>
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
    <name>ReportDialog</name>
    <message>
        <source>Write a report</source>
        <translation>写报告</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>HTML page</source>
        <translation>HTML 网页</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>JSON data</source>
        <translation>JSON 数据</translation>
    </message>
    <message>
        <source>CSV tables</source>
        <translation>CSV 表格</translation>
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
        <source>Write report</source>
        <translation>写入报告</translation>
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
        <source>Write the report into</source>
        <translation>将报告写入</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>请至少选择一种格式。</translation>
    </message>
    <message>
        <source>Choose a folder for the report.</source>
        <translation>请为报告选择一个文件夹。</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>正在写入报告…</translation>
    </message>
    <message>
        <source>Report written: %1 in %2.</source>
        <translation>报告已写入：%2 中的 %1。</translation>
    </message>
</context>
<context>
    <name>RocView</name>
    <message>
        <source>ROC curve</source>
        <translation>ROC 曲线</translation>
    </message>
    <message>
        <source>ROC (one-vs-rest) — macro AUC = {auc}</source>
        <translation>ROC（一对其余）— 宏平均 AUC = {auc}</translation>
    </message>
    <message>
        <source>ROC — AUC = {auc}</source>
        <translation>ROC 曲线 — AUC = {auc}</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>True positive rate</source>
        <translation>真阳性率</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>Ready</source>
        <extracomment>The status bar&apos;s fields are rewritten at most once per this many milliseconds during a run. the newest epoch logs (numbers only) context manager factory around every rewrite (the window sets one that keeps the training thread waiting meanwhile: a label&apos;s size hint lets the interpreter go, once per field)</extracomment>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>Epoch {epoch} / {last}</source>
        <translation>轮次 {epoch} / {last}</translation>
    </message>
    <message>
        <source>Step {step}</source>
        <translation>步 {step}</translation>
    </message>
    <message>
        <source>Elapsed {time}</source>
        <translation>已用 {time}</translation>
    </message>
    <message>
        <source>Remaining {time}</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <source>{rate} samples/s</source>
        <translation>{rate} 样本/秒</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>val accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>val AUC</source>
        <translation>验证 AUC</translation>
    </message>
    <message>
        <source>val F1</source>
        <translation>验证 F1</translation>
    </message>
    <message>
        <source>val MAE</source>
        <translation>验证 MAE</translation>
    </message>
    <message>
        <source>val RMSE</source>
        <translation>验证 RMSE</translation>
    </message>
    <message>
        <source>val R²</source>
        <translation>验证 R²</translation>
    </message>
</context>
<context>
    <name>SchedulePreview</name>
    <message>
        <source>Learning-rate schedule</source>
        <extracomment>Longer previews are drawn from this many evenly spread t values (``lr_at``), so a preview stays instant.</extracomment>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
</context>
<context>
    <name>ScoreCurveView</name>
    <message>
        <source>chance</source>
        <extracomment>(x, y, area, label) of one class&apos;s curve. (x, y, pen style (colour, width, alpha, dashed), legend text) of one curve shown. The area shown in the title (AUC or AP; macro mean for several classes), None before data or on error.</extracomment>
        <translation>随机水平</translation>
    </message>
    <message>
        <source>threshold {t}</source>
        <translation>阈值 {t}</translation>
    </message>
    <message>
        <source>macro average ({area})</source>
        <translation>宏平均（{area}）</translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>检测到</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Detected: {task}</source>
        <translation>检测到：{task}</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 以及另外 {count} 个</translation>
    </message>
    <message>
        <source>{classes} classes in the first {rows} rows: {counts}</source>
        <translation>前 {rows} 行中有 {classes} 个类别：{counts}</translation>
    </message>
    <message>
        <source>{classes} classes: {counts}</source>
        <translation>{classes} 个类别：{counts}</translation>
    </message>
</context>
<context>
    <name>ThresholdPanel</name>
    <message>
        <source>TP {tp} · FP {fp} · FN {fn} · TN {tn}</source>
        <extracomment>The slider&apos;s resolution: 1000 steps over [0, 1]. The metrics shown, in order.</extracomment>
        <translation>真阳 {tp} · 假阳 {fp} · 假阴 {fn} · 真阴 {tn}</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <source>A sample counts as positive when its score is at least this threshold.</source>
        <translation>样本得分不低于此阈值时计为正类。</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall (sensitivity)</source>
        <translation>召回率（灵敏度）</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1 分数</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>特异度</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
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
        <source>Follows the planned run: epochs × steps per epoch (or the epochs, for a cycle per epoch).</source>
        <translation>随计划的训练而定：轮数 × 每轮步数（按轮循环时为轮数）。</translation>
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
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty project</source>
        <translation>开始一个空项目</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .nnproj project file</source>
        <translation>打开 .nnproj 项目文件</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project with the model&apos;s weights</source>
        <translation>保存项目及模型权重</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>Train on your own table</source>
        <translation>用你自己的表格训练</translation>
    </message>
    <message>
        <source>&amp;Export Model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the trained model in other formats</source>
        <translation>以其他格式写出训练好的模型</translation>
    </message>
    <message>
        <source>&amp;Predict on CSV…</source>
        <translation>对 CSV 预测(&amp;P)…</translation>
    </message>
    <message>
        <source>Predict the rows of a CSV file with the model</source>
        <translation>用模型预测 CSV 文件中的各行</translation>
    </message>
    <message>
        <source>Write &amp;Report…</source>
        <translation>生成报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a metrics report of the trained model</source>
        <translation>生成训练好的模型的指标报告</translation>
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
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last model edit</source>
        <translation>撤销上一次模型编辑</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the model edit undone last</source>
        <translation>重做上一次撤销的模型编辑</translation>
    </message>
    <message>
        <source>&amp;Freeze Selected Layer</source>
        <translation>冻结所选层(&amp;F)</translation>
    </message>
    <message>
        <source>Keep the selected layer&apos;s weights fixed while training (trainable off)</source>
        <translation>训练时保持所选层的权重不变（关闭可训练）</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train for the number of epochs set in the Training panel</source>
        <translation>按训练面板中设置的轮数进行训练</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause after the current batch; press again to resume</source>
        <translation>在当前批次后暂停；再按一次继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End the run after the current batch; the weights are kept</source>
        <translation>在当前批次后结束运行；权重会保留</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Train exactly one epoch (or finish the current one)</source>
        <translation>恰好训练一轮（或完成当前这一轮）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Re-initialise the weights with the same seed</source>
        <translation>用相同的种子重新初始化权重</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>Put the panels and views back in place</source>
        <translation>将面板和视图恢复到原位</translation>
    </message>
    <message>
        <source>&amp;About NN Training Studio</source>
        <translation>关于神经网络训练工作室(&amp;A)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
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
        <source>Recent &amp;Projects</source>
        <translation>最近的项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Views</source>
        <translation>视图页(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>训练控制</translation>
    </message>
</context>
</TS>
