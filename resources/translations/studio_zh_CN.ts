<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</TS>
