<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/jobs/job_manager.cpp" line="+74"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location filename="../views/src/library_versions.cpp" line="+13"/>
        <source>%1 (runtime %2)</source>
        <translation>%1（运行时 %2）</translation>
    </message>
    <message>
        <location filename="../views/src/plot_layout.cpp" line="+355"/>
        <source>size %1 x %2 at %3 dpi is out of range</source>
        <translation>尺寸 %1 x %2（%3 dpi）超出允许范围</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown figure format &apos;.%1&apos; (use .png, .pdf or .svg)</source>
        <translation>未知的图形格式“.%1”（请使用 .png、.pdf 或 .svg）</translation>
    </message>
    <message>
        <location line="+28"/>
        <location filename="../views/src/save_file.cpp" line="+36"/>
        <source>could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../views/src/save_file.cpp" line="-18"/>
        <source>%1: is a folder, not a file</source>
        <translation>%1：是文件夹，不是文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: cannot create a temporary file (%2)</source>
        <translation>%1：无法创建临时文件（%2）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: cannot replace it (%2)</source>
        <translation>%1：无法替换（%2）</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="+55"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../app/gui/widgets/data_export.cpp" line="+52"/>
        <source>Export data (.npy, .csv, .safetensors)…</source>
        <translation>导出数据（.npy、.csv、.safetensors）…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+13"/>
        <location line="+4"/>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>NumPy (*.npy);;CSV (*.csv);;safetensors (*.safetensors)</source>
        <translation>NumPy (*.npy);;CSV (*.csv);;safetensors (*.safetensors)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export data (.csv)…</source>
        <translation>导出数据（.csv）…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: the view shows no data</source>
        <translation>%1：该视图没有数据</translation>
    </message>
</context>
<context>
    <name>kronscope::app::AboutDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/widgets/about_dialog.cpp" line="+20"/>
        <source>available, %n device(s)</source>
        <translation>
            <numerusform>可用，%n 个设备</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not available (this LibTorch build is CPU only or no GPU is visible)</source>
        <translation>不可用（此 LibTorch 构建仅支持 CPU，或未检测到 GPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronscope %1
Qt %2
QCustomPlot %3
LibTorch %4
VTK %5
HDF5 %6
CUDA: %7
CPU threads: %8</source>
        <translation>Kronscope %1
Qt %2
QCustomPlot %3
LibTorch %4
VTK %5
HDF5 %6
CUDA：%7
CPU 线程数：%8</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not built in</source>
        <translation>未内置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About Kronscope</source>
        <translation>关于 Kronscope</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;h2&gt;Kronscope&lt;/h2&gt;&lt;p&gt;Looks for algebraic structure (complex, quaternion, Clifford, Kronecker-factored) in the weights of trained transformers.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kronscope&lt;/h2&gt;&lt;p&gt;在训练好的 Transformer 权重中寻找代数结构（复数、四元数、Clifford 代数、克罗内克分解）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy versions</source>
        <translation>复制版本信息</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ClusterButtons</name>
    <message>
        <location filename="../app/gui/widgets/cluster_buttons.cpp" line="+12"/>
        <source>Run on a cluster…</source>
        <translation>在集群上运行…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write a Slurm job array that runs %1 in shards, and the merge job after it</source>
        <translation>写出分片运行%1的 Slurm 作业数组及其后的合并作业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import results…</source>
        <translation>导入结果…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge a folder of shard files (a cluster run) into the view</source>
        <translation>将一个分片文件夹（一次集群运行）合并到视图中</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ClusterDialog</name>
    <message>
        <location filename="../app/gui/widgets/cluster_dialog.cpp" line="+18"/>
        <source>Run on a cluster</source>
        <translation>在集群上运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writes a Slurm job array: task I runs shard I of N of this sweep (the cells k with k mod N = I), and a merge job that waits for all of them (afterok) and writes result.md and result.json. Import results… reads the folder back.</source>
        <translation>写出一个 Slurm 作业数组：任务 I 运行本次扫描的第 I 个分片（共 N 个；单元 k 满足 k mod N = I），以及一个等待全部任务完成（afterok）并写出 result.md 和 result.json 的合并作业。“导入结果…”读回该文件夹。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shards (array tasks)</source>
        <translation>分片数（数组任务）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the cluster&apos;s default</source>
        <translation>集群默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With GPUs the tasks run with --device cuda</source>
        <translation>有 GPU 时任务以 --device cuda 运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPUs per task</source>
        <translation>每任务 GPU 数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPUs per task</source>
        <translation>每任务 CPU 数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 02:00:00</source>
        <translation>例如 02:00:00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit</source>
        <translation>时间限制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Job folder</source>
        <translation>作业文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit now with sbatch (this machine must be a Slurm login node)</source>
        <translation>立即用 sbatch 提交（本机须为 Slurm 登录节点）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the job</source>
        <translation>写出作业</translation>
    </message>
</context>
<context>
    <name>kronscope::app::CompressionPanel</name>
    <message>
        <location filename="../app/gui/pages/compression_panel.cpp" line="+51"/>
        <source>Tensor statistics</source>
        <translation>张量统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantize (int-k + zstd)</source>
        <translation>量化（int-k + zstd）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pruning × int-k sweep</source>
        <translation>剪枝 × int-k 扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Procrustes (two matrices)</source>
        <translation>Procrustes（两个矩阵）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mean, std, excess kurtosis, max |w| and the share beyond 6 std for every tensor (c_attn also as Q, K, V), ranked, and as a layer × kind heatmap.</source>
        <translation>每个张量（c_attn 也拆为 Q、K、V）的均值、标准差、超额峰度、max |w| 以及超过 6 个标准差的比例，排序显示，并以层 × 类型热图显示。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare with another checkpoint…</source>
        <translation>与另一个检查点比较…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File &gt; Compare with…: Procrustes of every matrix of both checkpoints beside its nulls, and their statistics side by side.</source>
        <translation>文件 &gt; 与…比较：两个检查点每个矩阵的 Procrustes 及其零模型，以及并排的统计。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bits k</source>
        <translation>位数 k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip search (GPTQ-lite)</source>
        <translation>裁剪搜索（GPTQ-lite）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. last:2/k</source>
        <translation>例如 last:2/k</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept in float16: unit names (h.7.attn.c_attn.k, wte) or kinds (q, k, v, c_attn, attn.c_proj, c_fc, mlp.c_proj, wte, wpe), optionally after layers:A-B/ or last:N/, joined by commas.</source>
        <translation>保留为 float16：单元名（h.7.attn.c_attn.k、wte）或类型（q、k、v、c_attn、attn.c_proj、c_fc、mlp.c_proj、wte、wpe），可在前面加 layers:A-B/ 或 last:N/，以逗号分隔。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Protect</source>
        <translation>保护</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The wte rows with the highest entropy of their int-k codes stay float16.</source>
        <translation>int-k 码熵最高的 wte 行保持 float16。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fp16 wte rows</source>
        <translation>fp16 wte 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prune first</source>
        <translation>先剪枝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>zstd level</source>
        <translation>zstd 级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Measure perplexity</source>
        <translation>测量困惑度</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>On the Perplexity page&apos;s text and window.</source>
        <translation>使用困惑度页面的文本和窗口。</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Damage ranking</source>
        <translation>损伤排名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One perplexity per unit, with only that unit quantized.</source>
        <translation>每个单元一个困惑度，仅量化该单元。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional .ksq file</source>
        <translation>可选 .ksq 文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Artifact file</source>
        <translation>产物文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronscope quantized artifact (*.ksq)</source>
        <translation>Kronscope 量化产物 (*.ksq)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Artifact</source>
        <translation>产物</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Prune (%)</source>
        <translation>剪枝 (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip search</source>
        <translation>裁剪搜索</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Protection and zstd level come from the Quantize settings.</source>
        <translation>保护和 zstd 级别取自量化设置。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>right (A R ≈ B)</source>
        <translation>右侧 (A R ≈ B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left (R A ≈ B)</source>
        <translation>左侧 (R A ≈ B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right: R acts on the columns (p × p); left: on the rows (m × m).</source>
        <translation>右侧：R 作用于列 (p × p)；左侧：作用于行 (m × m)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side</source>
        <translation>侧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Null draws</source>
        <translation>零模型抽样数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>auto (a quarter of R)</source>
        <translation>自动（R 的四分之一）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low-rank rank</source>
        <translation>低秩的秩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low-rank share and transport bytes</source>
        <translation>低秩占比与传输字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs the full rotation R (p × p for side right): slow for wide matrices.</source>
        <translation>需要完整旋转 R（右侧为 p × p）：宽矩阵较慢。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::CompressionView</name>
    <message>
        <location filename="../app/gui/results/compression_view.cpp" line="+55"/>
        <source>undefined (A = B)</source>
        <translation>未定义 (A = B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>equals the null</source>
        <translation>等于零模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>above the null by %1</source>
        <translation>高于零模型 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>below the null</source>
        <translation>低于零模型</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+334"/>
        <source>Damage ranking</source>
        <translation>损伤排名</translation>
    </message>
    <message>
        <location line="-333"/>
        <location line="+335"/>
        <source>Pruning × int-k</source>
        <translation>剪枝 × int-k</translation>
    </message>
    <message>
        <location line="-334"/>
        <location line="+336"/>
        <source>Procrustes</source>
        <translation>Procrustes</translation>
    </message>
    <message>
        <location line="-335"/>
        <location line="+337"/>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="-329"/>
        <location line="+61"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+104"/>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <location line="-104"/>
        <location line="+48"/>
        <location line="+37"/>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kurtosis</source>
        <translation>峰度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max |w|</source>
        <translation>最大 |w|</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outliers &gt; 6 std</source>
        <translation>离群值 &gt; 6 标准差</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>excess kurtosis</source>
        <translation>超额峰度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max |w|</source>
        <translation>最大 |w|</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outlier share</source>
        <translation>离群比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List 1-D tensors (biases, LayerNorms)</source>
        <translation>列出一维张量（偏置、LayerNorm）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Their few entries make kurtosis noisy; the JSON and exports always hold every tensor.</source>
        <translation>其元素很少，峰度噪声大；JSON 和导出始终包含所有张量。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Heatmap of</source>
        <translation>热图：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+29"/>
        <source>Bytes (zstd)</source>
        <translation>字节 (zstd)</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>% of fp16</source>
        <translation>占 fp16 的 %</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <location line="+25"/>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+5"/>
        <location line="+13"/>
        <source>Rel. MSE</source>
        <translation>相对 MSE</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+17"/>
        <location line="+12"/>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Unquantized PPL</source>
        <translation>未量化 PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+17"/>
        <source>Δ PPL</source>
        <translation>Δ PPL</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+29"/>
        <source>Tokens scored</source>
        <translation>计分词元</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>模型哈希</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pruned</source>
        <translation>已剪枝</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Prune %</source>
        <translation>剪枝 %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bits</source>
        <translation>位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Δ bytes vs p = 0</source>
        <translation>相对 p = 0 的 Δ 字节</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Side</source>
        <translation>侧</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+15"/>
        <source>Reduction</source>
        <translation>降低</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Gaussian null</source>
        <translation>高斯零模型</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Permuted null</source>
        <translation>置换零模型</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Low-rank share</source>
        <translation>低秩占比</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Haar null</source>
        <translation>Haar 零模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transport bytes</source>
        <translation>传输字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain bytes</source>
        <translation>普通字节</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Std A</source>
        <translation>标准差 A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Std B</source>
        <translation>标准差 B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kurtosis A</source>
        <translation>峰度 A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kurtosis B</source>
        <translation>峰度 B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max |w| A</source>
        <translation>最大 |w| A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max |w| B</source>
        <translation>最大 |w| B</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attention Q K V O (c_proj) · MLP fc, proj</source>
        <translation>注意力 Q K V O (c_proj) · MLP fc, proj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 per layer and matrix</source>
        <translation>每层每矩阵的%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ranked by %1 (click a header to sort by another column). %2; model %3.</source>
        <translation>按%1排序（点击表头按其他列排序）。%2；模型 %3。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Bytes: one zstd frame of the int-k codes (int8) and float16 per-row scales of every 2-D tensor and the float16 1-D tensors, in key order (science.md). Units of run %1 shown; 1-D tensors are float16.</source>
        <translation>字节：每个二维张量的 int-k 码（int8）与 float16 逐行缩放，以及 float16 一维张量，按键顺序压成一个 zstd 帧（science.md）。显示第 %1 次运行的单元；一维张量为 float16。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Δ PPL, only this unit quantized</source>
        <translation>Δ PPL，仅量化该单元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage ranking (top %1)</source>
        <translation>损伤排名（前 %1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ perplexity</source>
        <translation>Δ 困惑度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; unquantized PPL %1 on %2</source>
        <translation>；未量化 PPL %1（%2）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pruning × int-k: artifact bytes and perplexity%1</source>
        <translation>剪枝 × int-k：产物字节与困惑度%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+66"/>
        <source> (incomplete: cancelled)</source>
        <translation>（不完整：已取消）</translation>
    </message>
    <message>
        <location line="-49"/>
        <source> (other checkpoint)</source>
        <translation>（另一检查点）</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+33"/>
        <source>MSE reduction</source>
        <translation>MSE 降低</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+33"/>
        <source>Gaussian null (mean ± 2 std)</source>
        <translation>高斯零模型（均值 ± 2 标准差）</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Procrustes MSE reduction beside its null</source>
        <translation>Procrustes MSE 降低及其零模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 - ||AR - B||² / ||A - B||²</source>
        <translation>1 - ||AR - B||² / ||A - B||²</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two independent Gaussian matrices of the same shape already give most of the reduction (0.917 at 512 × 1536): a reduction means rotational structure only where it exceeds the null. %1</source>
        <translation>两个同形状的独立高斯矩阵已给出大部分降低（512 × 1536 时为 0.917）：只有超过零模型时，降低才意味着旋转结构。%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cross-checkpoint Procrustes%1</source>
        <translation>跨检查点 Procrustes%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reduction</source>
        <translation>降低</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A = %1, B = %2</source>
        <translation>A = %1，B = %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (hashes %1, %2); </source>
        <translation>（哈希 %1、%2）；</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Statistics heatmap</source>
        <translation>统计热图</translation>
    </message>
</context>
<context>
    <name>kronscope::app::DecompositionPanel</name>
    <message>
        <location filename="../app/gui/pages/decomposition_panel.cpp" line="+15"/>
        <location line="+48"/>
        <source>Select a matrix in the Model panel.</source>
        <translation>请在“模型”面板中选择一个矩阵。</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Kronecker sum (Van Loan-Pitsianis)</source>
        <translation>克罗内克积之和（Van Loan-Pitsianis）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Truncated SVD (matched parameters)</source>
        <translation>截断 SVD（参数量相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Block size n: A_k is n × n (small factor first), S_k the rest; r = n terms. Only sizes that divide both dimensions are offered.</source>
        <translation>块大小 n：A_k 为 n × n（小因子在前），S_k 为其余部分；r = n 项。仅提供能同时整除两个维度的大小。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size n</source>
        <translation>块大小 n</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>n (seed convention)</source>
        <translation>n（seed 约定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms r</source>
        <translation>项数 r</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>small factor first (A_k n × n)</source>
        <translation>小因子在前（A_k 为 n × n）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor second (n × n tiles)</source>
        <translation>小因子在后（n × n 分块）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor order</source>
        <translation>因子顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frobenius rescaling (seed 003)</source>
        <translation>Frobenius 重缩放（seed 003）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gaussian matrices of the same shape fitted the same way: the error shown beside the null.</source>
        <translation>以相同方式拟合的同形状高斯矩阵：即与零模型并列显示的误差。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Null draws</source>
        <translation>零模型抽样次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decompose selected matrix</source>
        <translation>分解所选矩阵</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 × %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 × %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;br&gt;No block size divides both dimensions.</source>
        <translation>&lt;br&gt;没有能同时整除两个维度的块大小。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::DecompositionView</name>
    <message>
        <location filename="../app/gui/results/decomposition_view.cpp" line="+18"/>
        <source>Decompose a matrix from the Decomposition panel to see its fit, error, spectra and factors.</source>
        <translation>在“分解”面板中分解一个矩阵，即可查看其拟合、误差、谱和因子。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kronecker factors</source>
        <translation>克罗内克因子</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2 × %3): %4&lt;br&gt;relative error &lt;b&gt;%5&lt;/b&gt; — %6; ratio to null %7, z = %8&lt;br&gt;%9 parameters instead of %10 (%11%)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2 × %3）：%4&lt;br&gt;相对误差 &lt;b&gt;%5&lt;/b&gt; — %6；与零模型之比 %7，z = %8&lt;br&gt;参数量 %9（原为 %10，占 %11%）</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+6"/>
        <source>%1; ratio %2, z = %3</source>
        <translation>%1；比值 %2，z = %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, %2; model %3; rel. error %4 (%5)</source>
        <translation>%1，%2；模型 %3；相对误差 %4（%5）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Kronecker n=%1</source>
        <translation>克罗内克 n=%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD rank %1</source>
        <translation>SVD 秩 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fit: %1</source>
        <translation>拟合：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error W − fit (rel. %1)</source>
        <translation>误差 W − 拟合（相对 %1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R(W)</source>
        <translation>R(W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spectra of W and R(W)</source>
        <translation>W 与 R(W) 的谱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spectrum of W</source>
        <translation>W 的谱</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(SVD has no Kronecker factors)</source>
        <translation>（SVD 没有克罗内克因子）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A_%1 (%2 × %3)</source>
        <translation>A_%1（%2 × %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>S_%1 (%2 × %3)</source>
        <translation>S_%1（%2 × %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>σ_%1 of R(W) = %2</source>
        <translation>R(W) 的 σ_%1 = %2</translation>
    </message>
</context>
<context>
    <name>kronscope::app::DeviceCombo</name>
    <message>
        <location filename="../app/gui/widgets/device_combo.cpp" line="+10"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CUDA device %1</source>
        <translation>CUDA 设备 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUDA (not available)</source>
        <translation>CUDA（不可用）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This LibTorch build has no CUDA support or no GPU is visible. Build against the CUDA LibTorch to use a GPU (see README).</source>
        <translation>此 LibTorch 构建不支持 CUDA，或未检测到 GPU。如需使用 GPU，请基于 CUDA 版 LibTorch 构建（见 README）。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ExportDialog</name>
    <message>
        <location filename="../app/gui/widgets/export_dialog.cpp" line="+17"/>
        <location line="+29"/>
        <source>Export figure</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Plot</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File (.png, .pdf, .svg)</source>
        <translation>文件（.png、.pdf、.svg）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Width (px)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height (px)</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DPI</source>
        <translation>DPI</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PNG (*.png);;PDF (*.pdf);;SVG (*.svg)</source>
        <translation>PNG (*.png);;PDF (*.pdf);;SVG (*.svg)</translation>
    </message>
</context>
<context>
    <name>kronscope::app::GenerationPanel</name>
    <message>
        <location filename="../app/gui/pages/generation_panel.cpp" line="+18"/>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New tokens</source>
        <translation>新词元数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sample (top-k 40)</source>
        <translation>采样（top-k 40）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoding</source>
        <translation>解码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Surgery</source>
        <translation>手术</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate both</source>
        <translation>两者都生成</translation>
    </message>
</context>
<context>
    <name>kronscope::app::GenerationView</name>
    <message>
        <location filename="../app/gui/results/generation_view.cpp" line="+12"/>
        <source>&lt;b&gt;Unmodified model&lt;/b&gt;</source>
        <translation>&lt;b&gt;未修改模型&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;After surgery&lt;/b&gt;</source>
        <translation>&lt;b&gt;手术后&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Generate on the Generation page: the same prompt, the unmodified model beside the surgered one.</source>
        <translation>在生成页面生成：同一提示，未修改模型与手术后模型并列。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;b&gt;After %1&lt;/b&gt; (mean rel. error %2)</source>
        <translation>&lt;b&gt;%1 之后&lt;/b&gt;（平均相对误差 %2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 new tokens, %2, seed %3; model %4.</source>
        <translation>%1 个新词元，%2，种子 %3；模型 %4。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>top-k %1 sampling at temperature %2</source>
        <translation>top-k %1 采样，温度 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>greedy</source>
        <translation>贪心</translation>
    </message>
</context>
<context>
    <name>kronscope::app::HealingPanel</name>
    <message>
        <location filename="../app/gui/pages/healing_panel.cpp" line="+28"/>
        <source>none (control: fine-tune the unmodified model)</source>
        <translation>无（对照：微调未修改的模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surgery</source>
        <translation>手术</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size n</source>
        <translation>块大小 n</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fit (Van Loan-Pitsianis / SVD)</source>
        <translation>拟合（Van Loan-Pitsianis / SVD）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random (same shapes)</source>
        <translation>随机（相同形状）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prune (fit of W at 50% magnitude pruning)</source>
        <translation>剪枝（W 按幅值剪去 50% 后的拟合）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initialization</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also train the weights the surgery left</source>
        <translation>同时训练手术未替换的权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weight w of the distillation term: (1 - w) LM loss + w tau² KL(unmodified || healed)</source>
        <translation>蒸馏项权重 w：(1 - w) 语言模型损失 + w tau² KL(未修改 || 修复后)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distillation w</source>
        <translation>蒸馏 w</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Temperature tau</source>
        <translation>温度 tau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Brown corpus (PPL on its validation split)</source>
        <translation>Brown 语料库（在其验证集上计算 PPL）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Perplexity page&apos;s text (last 10% held out)</source>
        <translation>困惑度页面的文本（保留最后 10%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Windows per step</source>
        <translation>每步窗口数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context (tokens)</source>
        <translation>上下文（词元）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none: keep the result in the session only</source>
        <translation>无：结果只保存在会话中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The healed model goes to this folder (dense export + factors + heal_log.json). While it trains, its state is saved there at every evaluation and on Cancel, so Resume… continues an interrupted run exactly.</source>
        <translation>修复后的模型写入此文件夹（稠密导出 + 因子 + heal_log.json）。训练期间，每次评估和取消时都会在此保存其状态，因此“继续…”可以精确地继续被中断的运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder for the healed model</source>
        <translation>修复后模型的文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Heal</source>
        <translation>修复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume…</source>
        <translation>继续…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue an interrupted healing run (its folder holds heal_state.pt) with its own settings, model and corpus</source>
        <translation>以其自身的设置、模型和语料继续被中断的修复运行（其文件夹含有 heal_state.pt）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replaces the targeted matrices by their factors and trains the factors (the same budget for every run); the held-out perplexity before surgery, after it and while healing is plotted per run. A surgery sweep row&apos;s context menu has Heal… too.</source>
        <translation>将目标矩阵替换为其因子并训练这些因子（每次运行预算相同）；按运行绘制手术前、手术后及修复过程中保留文本上的困惑度。手术扫掠表中某行的右键菜单也提供“修复…”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>choose a text file on the Perplexity page first</source>
        <translation>请先在困惑度页面选择一个文本文件</translation>
    </message>
</context>
<context>
    <name>kronscope::app::HealingView</name>
    <message>
        <location filename="../app/gui/results/healing_view.cpp" line="+17"/>
        <source>control (no surgery)</source>
        <translation>对照（无手术）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Params (model)</source>
        <translation>参数（模型）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replaced: factors</source>
        <translation>替换：因子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaced: dense</source>
        <translation>替换：稠密</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL original</source>
        <translation>原始 PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL after surgery</source>
        <translation>手术后 PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL healed</source>
        <translation>修复后 PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps/s</source>
        <translation>步/秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Held-out text</source>
        <translation>保留文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>模型哈希</translation>
    </message>
    <message>
        <location line="+33"/>
        <source> (running)</source>
        <translation>（运行中）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unmodified model: PPL %1</source>
        <translation>未修改模型：PPL %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held-out perplexity while healing</source>
        <translation>修复过程中保留文本上的困惑度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity (log scale)</source>
        <translation>困惑度（对数刻度）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none (control)</source>
        <translation>无（对照）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2 (stopped)</source>
        <translation>%1 / %2（已停止）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Heal a surgered model from the Healing page (or a surgery sweep row&apos;s context menu): its factors train, and the held-out perplexity is drawn here.</source>
        <translation>在修复页面（或手术扫掠表某行的右键菜单）修复经过手术的模型：训练其因子，并在此绘制保留文本上的困惑度。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; PPL = exp(mean NLL) over %1 held-out tokens (windows of %2, stride %3); trained on %4</source>
        <translation>；PPL = exp(平均 NLL)，基于 %1 个保留词元（窗口 %2，步长 %3）；训练于 %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>. Stopped at step %1 of %2: its state is in %3; Resume… on the Healing page continues it</source>
        <translation>。停止于第 %1 / %2 步：其状态保存在 %3；在“修复”页面点击“继续…”即可继续</translation>
    </message>
</context>
<context>
    <name>kronscope::app::JobsPanel</name>
    <message>
        <location filename="../app/gui/jobs/jobs_panel.cpp" line="+19"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>kronscope::app::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+121"/>
        <source>Kronscope[*]</source>
        <translation>Kronscope[*]</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>&lt;h2&gt;Kronscope&lt;/h2&gt;&lt;p&gt;Kronecker and SVD structure analysis of GPT-2 weights.&lt;/p&gt;&lt;p&gt;Open a checkpoint folder (config.json + model.safetensors) with &lt;b&gt;File &amp;gt; Open Checkpoint…&lt;/b&gt;, drop it on this window, or pick a model from &lt;b&gt;File &amp;gt; Hugging Face Cache&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Select a matrix in the &lt;b&gt;Model&lt;/b&gt; panel to see its weights; measure perplexity in the &lt;b&gt;Perplexity&lt;/b&gt; panel. Jobs run in the background and can be cancelled in the &lt;b&gt;Jobs&lt;/b&gt; panel.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kronscope&lt;/h2&gt;&lt;p&gt;GPT-2 权重的克罗内克与 SVD 结构分析。&lt;/p&gt;&lt;p&gt;通过&lt;b&gt;文件 &amp;gt; 打开检查点…&lt;/b&gt;打开检查点文件夹（config.json + model.safetensors），或将其拖放到此窗口，或在&lt;b&gt;文件 &amp;gt; Hugging Face 缓存&lt;/b&gt;中选择模型。&lt;/p&gt;&lt;p&gt;在&lt;b&gt;模型&lt;/b&gt;面板中选择一个矩阵以查看其权重；在&lt;b&gt;困惑度&lt;/b&gt;面板中测量困惑度。任务在后台运行，可在&lt;b&gt;任务&lt;/b&gt;面板中取消。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/gui/reactions/export_reaction.cpp" line="+43"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decomposition</source>
        <translation>分解</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+46"/>
        <location filename="../app/gui/reactions/sweep_reaction.cpp" line="+37"/>
        <source>Surgery sweep</source>
        <translation>权重手术扫描</translation>
    </message>
    <message>
        <location line="-44"/>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="+68"/>
        <source>Structure landscape</source>
        <translation>结构地形图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Structure probes</source>
        <translation>结构探针</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/probe_reactions.cpp" line="+65"/>
        <source>Toy model</source>
        <translation>玩具模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/compression_reaction.cpp" line="+136"/>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/mechanism_reaction.cpp" line="+40"/>
        <source>Mechanism</source>
        <translation>机制</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/mechanism_reaction.cpp" line="+29"/>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/gui/reactions/reproduce_reaction.cpp" line="+54"/>
        <location line="+84"/>
        <location line="+19"/>
        <source>Reproduce</source>
        <translation>复现</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="-46"/>
        <location line="+12"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="-10"/>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="+4"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>max_length</source>
        <translation>max_length</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stride</source>
        <translation>stride</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens scored</source>
        <translation>计分词元数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows</source>
        <translation>窗口数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>模型哈希</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>%1: done</source>
        <translation>%1：已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: cancelled</source>
        <translation>%1：已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: failed</source>
        <translation>%1：失败</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ready. CUDA devices: %1</source>
        <translation>就绪。CUDA 设备：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready. Device: CPU (no CUDA available)</source>
        <translation>就绪。设备：CPU（CUDA 不可用）</translation>
    </message>
    <message>
        <location line="+46"/>
        <location filename="../app/gui/reactions/modular_reaction.cpp" line="+50"/>
        <location line="+34"/>
        <location line="+20"/>
        <source>Modular arithmetic</source>
        <translation>模运算</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Perplexity: text and window</source>
        <translation>困惑度：文本与窗口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decomposition of one matrix</source>
        <translation>单个矩阵的分解</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Structure map (3D landscape)</source>
        <translation>结构图（三维地形图）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Structure probes (with null models)</source>
        <translation>结构探针（含零模型）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Toy superposition model</source>
        <translation>叠加玩具模型</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+33"/>
        <source>Compression (seed 001)</source>
        <translation>压缩（种子 001）</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="-41"/>
        <location filename="../app/gui/reactions/heal_reaction.cpp" line="+40"/>
        <location line="+23"/>
        <location line="+36"/>
        <source>Healing</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+4"/>
        <source>Mechanism (seed 000)</source>
        <translation>机制（种子 000）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generation after surgery</source>
        <translation>手术后生成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Healing after surgery</source>
        <translation>手术后修复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Modular arithmetic (seed 002)</source>
        <translation>模运算（seed 002）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Heal this row…</source>
        <translation>修复此行…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+52"/>
        <source>This result belongs to another model (content hash %1): open that model to inspect %2</source>
        <translation>此结果属于另一个模型（内容哈希 %1）：请打开该模型以查看 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Selected %1 (block size %2): decompose it on the Decomposition page</source>
        <translation>已选择 %1（块大小 %2）：请在“分解”页中分解它</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Selected %1 (block size %2)</source>
        <translation>已选择 %1（块大小 %2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_jobs.cpp" line="+16"/>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show or hide the Jobs panel (every job with its progress, time left and Cancel)</source>
        <translation>显示或隐藏任务面板（每个任务及其进度、剩余时间和取消）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Jobs: idle</source>
        <translation>任务：空闲</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Jobs: %n running</source>
        <translation>
            <numerusform>任务：%n 个运行中</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+29"/>
        <source>Export &amp;Report (HTML, PDF)…</source>
        <translation>导出报告(&amp;R)（HTML、PDF）…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open Checkpoint &amp;File…</source>
        <translation>打开检查点文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Model as Safe&amp;tensors…</source>
        <translation>将模型另存为 Safetensors(&amp;T)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Demo Model</source>
        <translation>打开演示模型(&amp;D)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Compare with…</source>
        <translation>与…比较(&amp;C)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hugging Face Cache</source>
        <translation>Hugging Face 缓存(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+31"/>
        <source>&amp;Reproduce</source>
        <translation>复现(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+92"/>
        <source>Open a GPT-2 checkpoint folder (safetensors, pytorch_model.bin or nanoGPT&apos;s ckpt.pt)</source>
        <translation>打开 GPT-2 检查点文件夹（safetensors、pytorch_model.bin 或 nanoGPT 的 ckpt.pt）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a checkpoint file</source>
        <translation>打开检查点文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkpoints (*.safetensors *.bin *.pt *.pth *.ckpt);;All files (*)</source>
        <translation>检查点 (*.safetensors *.bin *.pt *.pth *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+22"/>
        <source>Save Model as Safetensors</source>
        <translation>将模型另存为 Safetensors</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>%1
read as %2.
Write its original weights as:</source>
        <translation>%1
读取格式：%2。
将原始权重写为：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New checkpoint folder</source>
        <translation>新检查点文件夹</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Convert to %1</source>
        <translation>转换为 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrote %1 (%2, %3 MB, tokenizer: %4); content hash %5</source>
        <translation>已写入 %1（%2，%3 MB，分词器：%4）；内容哈希 %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Compare with checkpoint</source>
        <translation>与检查点比较</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>training in progress</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location line="-408"/>
        <source>Export &amp;Figure…</source>
        <translation>导出图表(&amp;F)…</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decompose and probe</source>
        <translation>分解与探测</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Labs</source>
        <translation>实验室</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Export &amp;Table…</source>
        <translation>导出表格(&amp;T)…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Train a GPT-2…</source>
        <translation>训练 GPT-2(&amp;T)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training finished</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the trained model %1?</source>
        <translation>是否打开训练好的模型 %1？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Kronscope</source>
        <translation>关于 Kronscope(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+18"/>
        <source>No example text: %1</source>
        <translation>没有示例文本：%1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+115"/>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../app/gui/session/main_window_session.cpp" line="+395"/>
        <location line="+124"/>
        <source>Kronscope — %1[*]</source>
        <translation>Kronscope — %1[*]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checkpoint warnings</source>
        <translation>检查点警告</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>
(and %n more)</source>
        <translation>
            <numerusform>
（另有 %n 条）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1  (%2 × %3, stored [in, out])</source>
        <translation>%1（%2 × %3，按 [in, out] 存储）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/perplexity_reaction.cpp" line="+23"/>
        <source>Perplexity on %1</source>
        <translation>在 %1 上测量困惑度</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/compression_reaction.cpp" line="-106"/>
        <source>choose a text file on the Perplexity page first (or untick &apos;Measure perplexity&apos;)</source>
        <translation>请先在困惑度页面选择文本文件（或取消勾选“测量困惑度”）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tensor statistics</source>
        <translation>张量统计</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Quantize (%1)</source>
        <translation>量化（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <location filename="../app/gui/reactions/mechanism_reaction.cpp" line="-21"/>
        <location filename="../app/gui/reactions/perplexity_reaction.cpp" line="+2"/>
        <location filename="../app/gui/reactions/sweep_reaction.cpp" line="+27"/>
        <source>waiting for the model</source>
        <translation>正在等待模型</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Pruning × int-k (%1 settings)</source>
        <translation>剪枝 × int-k（%1 种设置）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Procrustes %1 → %2</source>
        <translation>Procrustes %1 → %2</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Compare with %1</source>
        <translation>与 %1 比较</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/decomposition_reaction.cpp" line="+18"/>
        <source>Decompose %1 (%2 n=%3)</source>
        <translation>分解 %1（%2 n=%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kronecker</source>
        <translation>克罗内克</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD</source>
        <translation>SVD</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/mechanism_reaction.cpp" line="-23"/>
        <location filename="../app/gui/reactions/sweep_reaction.cpp" line="-41"/>
        <source>choose a text file on the Perplexity page first</source>
        <translation>请先在“困惑度”页面选择文本文件</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Mechanism: %1</source>
        <translation>机制：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Generate (unmodified and %1 n=%2)</source>
        <translation>生成（未修改与 %1 n=%2）</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/sweep_reaction.cpp" line="+19"/>
        <source>%1 on %2, max_length %3, stride %4</source>
        <translation>%1，文本 %2，max_length %3，stride %4</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Surgery sweep (%1 steps)</source>
        <translation>权重手术扫描（%1 步）</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/cluster_reaction.cpp" line="+63"/>
        <source>no modular model is open</source>
        <translation>没有打开的模运算模型</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>only the single-matrix scan runs on a cluster: choose the analysis &quot;Single-matrix scan&quot;</source>
        <translation>只有单矩阵扫描可在集群上运行：请选择分析“单矩阵扫描”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>open a model first</source>
        <translation>请先打开一个模型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run on a cluster</source>
        <translation>在集群上运行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrote %1 (a job array of %2 shards: %3) and %4.</source>
        <translation>已写出 %1（%2 个分片的作业数组：%3）和 %4。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submitted array job %1 and merge job %2 (afterok). When it has run, Import results… reads %3.</source>
        <translation>已提交数组作业 %1 和合并作业 %2（afterok）。运行完成后，“导入结果…”读取 %3。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submit on the cluster with:
%1
then Import results… reads %2.</source>
        <translation>在集群上提交：
%1
之后“导入结果…”读取 %2。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote the Slurm job in %1</source>
        <translation>已在 %1 写出 Slurm 作业</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder of a cluster run (its shards/)</source>
        <translation>集群运行的文件夹（含 shards/）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 · %2 · %3 · merged from %4 shard file(s)</source>
        <translation>%1 · %2 · %3 · 由 %4 个分片文件合并</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import results</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: no shard files (*.json) in it or in its shards/</source>
        <translation>%1：其中或其 shards/ 中没有分片文件（*.json）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 of %2 cells have no shard result yet (cells %3): the result is incomplete. Rerun them with kronscope-cli slurm --only-missing.</source>
        <translation>%2 个单元中有 %1 个尚无分片结果（单元 %3）：结果不完整。请用 kronscope-cli slurm --only-missing 重新运行。</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>%1 on %2, max_length %3, stride %4; merged from %5 shard file(s)</source>
        <translation>%1 于 %2，max_length %3，stride %4；由 %5 个分片文件合并</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/structure_map_reaction.cpp" line="+20"/>
        <source>Structure map</source>
        <translation>结构图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Structure map (%1 block sizes)</source>
        <translation>结构图（%1 种块大小）</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/probe_reactions.cpp" line="-40"/>
        <location line="+21"/>
        <source>Structure probe</source>
        <translation>结构探针</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Probe %1 on %2</source>
        <translation>在 %2 上运行探针 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a toy model is already training; wait for it or cancel it</source>
        <translation>已有玩具模型正在训练；请等待其完成或取消</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Toy model: %n model(s)</source>
        <translation>
            <numerusform>玩具模型：%n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Probes on toy W (%1)</source>
        <translation>在玩具模型 W 上运行探针（%1）</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/export_reaction.cpp" line="+32"/>
        <source>Export landscape</source>
        <translation>导出地形图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+5"/>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>CSV (*.csv);;Markdown (*.md);;LaTeX (*.tex)</source>
        <translation>CSV (*.csv);;Markdown (*.md);;LaTeX (*.tex)</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+14"/>
        <location line="+12"/>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="+103"/>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Perplexity sweep</source>
        <translation>困惑度扫描</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spectra</source>
        <translation>谱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor A_k</source>
        <translation>因子 A_k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor S_k</source>
        <translation>因子 S_k</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Healing curves</source>
        <translation>修复曲线</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+26"/>
        <source>Export figure</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+142"/>
        <source>Unsaved results</source>
        <translation>未保存的结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the session before closing?</source>
        <translation>关闭前是否保存会话？</translation>
    </message>
    <message>
        <location filename="../app/gui/session/main_window_session.cpp" line="-131"/>
        <location line="+138"/>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>Saved session %1</source>
        <translation>已保存会话 %1</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1: the session state is not valid JSON</source>
        <translation>%1：会话状态不是有效的 JSON</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+17"/>
        <location line="+22"/>
        <location line="+24"/>
        <location line="+54"/>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>The checkpoint changed since the session was saved (content hash %1, now %2). Results shown are from the saved session.</source>
        <translation>自会话保存以来检查点已发生变化（内容哈希 %1，现为 %2）。显示的结果来自已保存的会话。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The session&apos;s checkpoint was not found (%1). Its results are shown; open the checkpoint to compute more.</source>
        <translation>未找到会话的检查点（%1）。已显示其结果；如需继续计算，请打开该检查点。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Opened session %1</source>
        <translation>已打开会话 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kronscope sessions (*.kss *.h5)</source>
        <translation>Kronscope 会话 (*.kss *.h5)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kronscope sessions (*.kss *.h5);;All files (*)</source>
        <translation>Kronscope 会话 (*.kss *.h5);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Autosaved</source>
        <translation>已自动保存</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recover session</source>
        <translation>恢复会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronscope did not close cleanly last time. Recover the autosaved session (%1)?</source>
        <translation>Kronscope 上次未正常关闭。是否恢复自动保存的会话（%1）？</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/modular_reaction.cpp" line="-80"/>
        <source>Open a modular-arithmetic model folder</source>
        <translation>打开模运算模型文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open modular model %1</source>
        <translation>打开模运算模型 %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a modular model is already training; wait for it or cancel it</source>
        <translation>已有模运算模型正在训练；请等待其完成或取消</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Modular: train %1 (p = %2, %3 steps)</source>
        <translation>模运算：训练 %1（p = %2，%3 步）</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Modular: search %n cell(s)</source>
        <translation>
            <numerusform>模运算：搜索 %n 个网格单元</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Modular: analyze %1</source>
        <translation>模运算：分析 %1</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/heal_reaction.cpp" line="-73"/>
        <source>a model is already healing; wait for it or cancel it</source>
        <translation>已有模型正在修复；请等待或取消</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>control (no surgery)</source>
        <translation>对照（无手术）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder of an interrupted healing run</source>
        <translation>被中断的修复运行的文件夹</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 n=%2, %3 (resumed)</source>
        <translation>%1 n=%2，%3（已继续）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Heal %1 (%2 steps)</source>
        <translation>修复 %1（%2 步）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the unmodified model&apos;s row has no surgery to heal</source>
        <translation>未修改模型的行没有可修复的手术</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="-129"/>
        <location line="+75"/>
        <source>Kronscope report</source>
        <translation>Kronscope 报告</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronscope</source>
        <translation>Kronscope</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model format</source>
        <translation>模型格式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model hash (FNV-1a 64)</source>
        <translation>模型哈希（FNV-1a 64）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 layers, d_model %2, %3 heads, context %4, vocabulary %5</source>
        <translation>%1 层，d_model %2，%3 个头，上下文 %4，词表 %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>hash %1</source>
        <translation>哈希 %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No results in this session yet.</source>
        <translation>本会话尚无结果。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: choose a .html or .pdf file name</source>
        <translation>%1：请选择 .html 或 .pdf 文件名</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+6"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/reproduce_reaction.cpp" line="-136"/>
        <source>Seed 000 Experiment 3: surgery sweep</source>
        <translation>种子 000 实验 3：手术扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 000: surgery by target (n = 16)</source>
        <translation>种子 000：按目标的手术（n = 16）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 000: hybrid surgery (n = 16)</source>
        <translation>种子 000：混合手术（n = 16）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 000 mechanism: conditioning (n = 16)</source>
        <translation>种子 000 机制：条件数（n = 16）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed 000 mechanism: activation-weighted error (n = 16)</source>
        <translation>种子 000 机制：激活加权误差（n = 16）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 001 finding 8: pruning × zstd</source>
        <translation>种子 001 发现 8：剪枝 × zstd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed 002 Figure 7 and findings: the nanda model (positional embeddings, frequencies, ranks)</source>
        <translation>种子 002 图 7 及发现：nanda 模型（位置嵌入、频率、秩）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>open a GPT-2 checkpoint first (File &gt; Open Demo Model gives one)</source>
        <translation>请先打开一个 GPT-2 检查点（文件 &gt; 打开演示模型 即可提供一个）</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>the shipped nanda-p113 model is missing</source>
        <translation>缺少随附的 nanda-p113 模型</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>unknown recipe &apos;%1&apos;</source>
        <translation>未知的配方“%1”</translation>
    </message>
</context>
<context>
    <name>kronscope::app::MechanismPanel</name>
    <message>
        <location filename="../app/gui/pages/mechanism_panel.cpp" line="+22"/>
        <source>Activation-weighted error</source>
        <translation>激活加权误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conditioning</source>
        <translation>条件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nullspace noise</source>
        <translation>零空间噪声</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Single-matrix scan</source>
        <translation>单矩阵扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error propagation</source>
        <translation>误差传播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One block size n (the scan takes a list: 4,16).</source>
        <translation>一个块大小 n（扫描可取列表：4,16）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>both</source>
        <translation>两者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan methods</source>
        <translation>扫描方法</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all, attn, mlp, layers:A-B, kinds:..., matrices:...; join with + for an intersection.</source>
        <translation>all、attn、mlp、layers:A-B、kinds:...、matrices:...；用 + 连接表示交集。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Noise eps</source>
        <translation>噪声 eps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Noise seed</source>
        <translation>噪声种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run analysis</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this scan</source>
        <translation>本次扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The single-matrix scan runs in shards on a cluster (the other analyses run here)</source>
        <translation>单矩阵扫描可分片在集群上运行（其他分析在本机运行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why Kronecker surgery beats SVD in perplexity while losing in every per-matrix error (seed 000). Uses the Perplexity page&apos;s text and window; activation error and propagation run non-overlapping windows of max_length.</source>
        <translation>为何 Kronecker 手术在困惑度上胜过 SVD，却在每个矩阵误差上落后（种子 000）。使用困惑度页面的文本与窗口；激活误差与传播使用长度为 max_length 的不重叠窗口。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::MechanismView</name>
    <message>
        <location filename="../app/gui/results/mechanism_view.cpp" line="+41"/>
        <location line="+6"/>
        <location line="+16"/>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Kronecker act. err</source>
        <translation>Kronecker 激活误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD act. err</source>
        <translation>SVD 激活误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kronecker Frobenius</source>
        <translation>Kronecker Frobenius</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD Frobenius</source>
        <translation>SVD Frobenius</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kronecker params</source>
        <translation>Kronecker 参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD params</source>
        <translation>SVD 参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Winner (act.)</source>
        <translation>胜者（激活）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+235"/>
        <source>Activation error</source>
        <translation>激活误差</translation>
    </message>
    <message>
        <location line="-233"/>
        <source>cond W</source>
        <translation>cond W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cond W_kron</source>
        <translation>cond W_kron</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cond W_svd</source>
        <translation>cond W_svd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rank W</source>
        <translation>秩 W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rank W_kron</source>
        <translation>秩 W_kron</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rank W_svd</source>
        <translation>秩 W_svd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>of</source>
        <translation>共</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eff. rank W</source>
        <translation>有效秩 W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eff. rank W_kron</source>
        <translation>有效秩 W_kron</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eff. rank W_svd</source>
        <translation>有效秩 W_svd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conditioning</source>
        <translation>条件数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>eps</source>
        <translation>eps</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Gap reduction (%)</source>
        <translation>差距缩小 (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+227"/>
        <source>Nullspace noise</source>
        <translation>零空间噪声</translation>
    </message>
    <message>
        <location line="-223"/>
        <location line="+4"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+4"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>All at once: PPL</source>
        <translation>全部同时：PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All at once: Δ mean NLL</source>
        <translation>全部同时：Δ 平均 NLL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sum of single Δ mean NLL</source>
        <translation>单项 Δ 平均 NLL 之和</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ratio</source>
        <translation>比值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mean NLL</source>
        <translation>平均 NLL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ mean NLL</source>
        <translation>Δ 平均 NLL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Single-matrix scan</source>
        <translation>单矩阵扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rel. error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+216"/>
        <source>Error propagation</source>
        <translation>误差传播</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Kronecker</source>
        <translation>Kronecker</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD</source>
        <translation>SVD</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kronecker ‖W − fit‖/‖W‖</source>
        <translation>Kronecker ‖W − fit‖/‖W‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kronecker ‖X(W − fit)‖/‖XW‖</source>
        <translation>Kronecker ‖X(W − fit)‖/‖XW‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD ‖W − fit‖/‖W‖</source>
        <translation>SVD ‖W − fit‖/‖W‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD ‖X(W − fit)‖/‖XW‖</source>
        <translation>SVD ‖X(W − fit)‖/‖XW‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-matrix error: Frobenius beside activation-weighted</source>
        <translation>每矩阵误差：Frobenius 与激活加权并列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kronecker wins (activation-weighted): %1; all %2/%3 (seed 000: 0/48). X: the inputs of each matrix over %4 positions. %5</source>
        <translation>Kronecker 胜出（激活加权）：%1；总计 %2/%3（种子 000：0/48）。X：每个矩阵在 %4 个位置上的输入。%5</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Median cond: W %1, Kronecker %2, SVD %3 (seed 000 at n = 16: 83.8 / 52.5 / 2.9e16). Median numerical rank %4 / %5 / %6. Full float64 SVDs, fits formed in float64. %7</source>
        <translation>条件数中位数：W %1，Kronecker %2，SVD %3（种子 000，n = 16：83.8 / 52.5 / 2.9e16）。数值秩中位数 %4 / %5 / %6。完整 float64 SVD，拟合以 float64 构成。%7</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>W_svd + eps N_perp</source>
        <translation>W_svd + eps N_perp</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kronecker surgery</source>
        <translation>Kronecker 手术</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD surgery</source>
        <translation>SVD 手术</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unmodified</source>
        <translation>未修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nullspace noise on the SVD fits</source>
        <translation>SVD 拟合上的零空间噪声</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eps (noise norm / ||W − W_svd||)</source>
        <translation>eps（噪声范数 / ||W − W_svd||）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The largest share of the SVD–Kronecker gap closed by noise outside the SVD&apos;s spaces: %1% (seed 000: at best 4%). %2</source>
        <translation>SVD 空间外噪声弥合 SVD–Kronecker 差距的最大比例：%1%（种子 000：最多 4%）。%2</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+37"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gap PPL_svd − PPL_kron, one matrix at a time, n = %1 (&gt; 0: Kronecker better)</source>
        <translation>差距 PPL_svd − PPL_kron，每次一个矩阵，n = %1（&gt; 0：Kronecker 更好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PPL gap</source>
        <translation>PPL 差距</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Baseline PPL %1. Kronecker better on %2 of %3 single-matrix surgeries at n = %4. Prefix reuse %5 (%6 GB). Additivity: the change of all at once beside the sum of single changes. %7</source>
        <translation>基线 PPL %1。在 n = %4 时 %3 次单矩阵手术中 Kronecker 有 %2 次更好。前缀复用 %5（%6 GB）。可加性：全部同时的变化与单项变化之和并列。%7</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (incomplete: cancelled)</source>
        <translation>（不完整：已取消）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Residual-stream error after each block</source>
        <translation>每个块后残差流误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖h′ − h‖ / ‖h‖ (log scale)</source>
        <translation>‖h′ − h‖ / ‖h‖（对数刻度）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Per layer: the relative error and mean cosine of the surgered model&apos;s residual stream against the original&apos;s on the same windows. %1</source>
        <translation>每层：手术后模型残差流相对原模型在同一窗口上的相对误差与平均余弦。%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Scan gap map</source>
        <translation>扫描差距图</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ModelBrowser</name>
    <message>
        <location filename="../app/gui/widgets/model_browser.cpp" line="+15"/>
        <source>No checkpoint open. File &gt; Open Checkpoint… or drop a checkpoint folder here.</source>
        <translation>未打开检查点。请使用“文件 &gt; 打开检查点…”，或将检查点文件夹拖放到此处。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shape (in × out)</source>
        <translation>形状（in × out）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No checkpoint open.</source>
        <translation>未打开检查点。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2: %3 layers, n_embd %4, %5 heads, vocab %6, n_positions %7&lt;br&gt;Stored as %8 (%9 keys). %10 block matrices, %11 weights.&lt;br&gt;Format: %12</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2：%3 层，n_embd %4，%5 个头，词表 %6，n_positions %7&lt;br&gt;存储为 %8（%9 键）。%10 个块矩阵，%11 个权重。&lt;br&gt;格式：%12</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ModularPanel</name>
    <message>
        <location filename="../app/gui/pages/modular_panel.cpp" line="+50"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+157"/>
        <source>none open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Shipped</source>
        <translation>随附</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open modular model folder…</source>
        <translation>打开模运算模型文件夹…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Train (full batch, AdamW, Grokfast)</source>
        <translation>训练（全批量，AdamW，Grokfast）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nanda: (x0 + x1) mod p</source>
        <translation>nanda：(x0 + x1) mod p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>miiii: (x0 + x1 p) mod q, every prime q &lt; p</source>
        <translation>miiii：(x0 + x1 p) mod q，所有素数 q &lt; p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>basis: miiii&apos;s labels shuffled</source>
        <translation>basis：打乱 miiii 的标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>masked: miiii without q = 2, 3, 5, 7</source>
        <translation>masked：不含 q = 2, 3, 5, 7 的 miiii</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p (prime)</source>
        <translation>p（素数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grokfast alpha</source>
        <translation>Grokfast alpha</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 turns Grokfast off (plain AdamW).</source>
        <translation>0 表示关闭 Grokfast（纯 AdamW）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grokfast lambda</source>
        <translation>Grokfast lambda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>d_model</source>
        <translation>d_model</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>output folder (required)</source>
        <translation>输出文件夹（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cells of the seed&apos;s Table 1 grid drawn (seeded); 0 runs all 384.</source>
        <translation>从 seed 002 表 1 网格中（按随机种子）抽取的单元数；0 表示运行全部 384 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search cells</source>
        <translation>搜索单元数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Analyze the open model</source>
        <translation>分析已打开的模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All analyses</source>
        <translation>全部分析</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Neuron maps</source>
        <translation>神经元图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analyze</source>
        <translation>分析</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seed 002: multi-task modular arithmetic, Grokfast and the Fourier analysis of a 1-layer transformer. The Structure probes page runs on the open modular model too (choose it there): the positive control for the probes.</source>
        <translation>Seed 002：多任务模运算、Grokfast 以及 1 层 Transformer 的傅里叶分析。“结构探针”页面同样可在已打开的模运算模型上运行（在该页面中选择）：作为探针的阳性对照。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Output folder for the modular model</source>
        <translation>模运算模型的输出文件夹</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ModularView</name>
    <message>
        <location filename="../app/gui/results/modular_view.cpp" line="+40"/>
        <source>q</source>
        <translation>q</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train acc</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test acc</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val acc &gt;= 0.99 at step</source>
        <translation>验证准确率 &gt;= 0.99 的步数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fourier</source>
        <translation>傅里叶</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <source>Neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variance</source>
        <translation>方差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top frequency (kx, ky)</source>
        <translation>主频率（kx, ky）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>attention of &quot;=&quot; to x0</source>
        <translation>&quot;=&quot; 对 x0 的注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attention of &quot;=&quot; to x1</source>
        <translation>&quot;=&quot; 对 x1 的注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed 002</source>
        <translation>Seed 002</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This model</source>
        <translation>本模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed 002 vs this model</source>
        <translation>Seed 002 与本模型对比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lambda</source>
        <translation>Lambda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mean val acc</source>
        <translation>平均验证准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min val acc</source>
        <translation>最低验证准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tasks &gt;= 0.99</source>
        <translation>&gt;= 0.99 的任务数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All &gt;= 0.99 at step</source>
        <translation>全部 &gt;= 0.99 的步数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>val q=%1</source>
        <translation>验证 q=%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train q=%1</source>
        <translation>训练 q=%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>val, other q</source>
        <translation>验证，其他 q</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Validation accuracy per task (log step axis)</source>
        <translation>各任务的验证准确率（步数轴为对数刻度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy per task: validation (solid), training (dashed)</source>
        <translation>各任务准确率：验证（实线），训练（虚线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+290"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="-281"/>
        <source>Training… step %1; training objective %2, validation %3 (sum of CE_q / ln q).</source>
        <translation>训练中… 第 %1 步；训练目标 %2，验证 %3（CE_q / ln q 之和）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 at step %2 of %3 in %4 s (%5 steps/s); written to %6. Loss: sum over tasks of CE_q / ln q; accuracy on the seeded split (30% train, 1,000 validation, the rest test).</source>
        <translation>%1于第 %2 步（共 %3 步），用时 %4 秒（%5 步/秒）；已写入 %6。损失：各任务 CE_q / ln q 之和；准确率基于按随机种子划分的数据（30% 训练，1000 验证，其余为测试）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (%2, hash %3)</source>
        <translation>%1（%2，哈希 %3）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Accuracy of %1 recomputed from its files on the split of seed %2%3.</source>
        <translation>%1 的准确率：根据其文件在随机种子 %2 的数据划分上重新计算%3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (no training_log.json: no curves)</source>
        <translation> (无 training_log.json，无曲线)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>W_pos[0] (x0)</source>
        <translation>W_pos[0] (x0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W_pos[1] (x1)</source>
        <translation>W_pos[1] (x1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Positional embedding: Pearson r = %1</source>
        <translation>位置嵌入：Pearson r = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>seed 002: r = 0.95 (nanda), -0.64 (miiii); %1</source>
        <translation>seed 002：r = 0.95（nanda），-0.64（miiii）；%1</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>Frequency k</source>
        <translation>频率 k</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share in k&apos;s family</source>
        <translation>k 族中的占比</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>neuron %1 (variance %2, top frequency (%3, %4), %5% in k = %6)</source>
        <translation>神经元 %1（方差 %2，最强频率 (%3, %4)，%5% 在 k = %6）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Post-ReLU activations of layer %1 at the &quot;=&quot; position over every pair (x0 rows, x1 columns), the %2 most variable neurons; right: |2D DFT| (constant term left out). %3% of the active neurons hold at least half of their energy in the family of one frequency k (k x0, k x1, k (x0 ± x1)).</source>
        <translation>第 %1 层在 &quot;=&quot; 位置、对每一对输入（x0 为行，x1 为列）的 ReLU 后激活，方差最大的 %2 个神经元；右：|2D DFT|（不含常数项）。%3% 的活跃神经元至少一半能量位于单一频率 k 的族中（k x0、k x1、k (x0 ± x1)）。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>s_i</source>
        <translation>s_i</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>90%: rank %1</source>
        <translation>90%：秩 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>50%: rank %1</source>
        <translation>50%：秩 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>W_E (%1 number tokens x d %2)</source>
        <translation>W_E（%1 个数字词元 x d %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>index</source>
        <translation>索引</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>singular value</source>
        <translation>奇异值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ranks where sum of s_i^2 reaches 50% and 90%; the &quot;=&quot; row is left out</source>
        <translation>s_i^2 之和达到 50% 和 90% 时的秩；不含 &quot;=&quot; 行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>u_%1</source>
        <translation>u_%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Top singular vectors of W_E over the tokens x</source>
        <translation>W_E 在词元 x 上的前几个奇异向量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>token x</source>
        <translation>词元 x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>component</source>
        <translation>分量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1. Periodic singular vectors are the cos / sin lookup table of Nanda et al. (2023).</source>
        <translation>%1。周期性奇异向量即 Nanda 等人（2023）所述的 cos / sin 查找表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W_E: 50% of the variance within rank %1, 90% within %2</source>
        <translation>W_E：秩 %1 以内占 50% 方差，%2 以内占 90%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No SVD run</source>
        <translation>未运行 SVD</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+14"/>
        <source>norm</source>
        <translation>范数</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>cos part</source>
        <translation>cos 分量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sin part</source>
        <translation>sin 分量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>mean + 2 std (active above)</source>
        <translation>mean + 2 std（高于此为活跃）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DFT of W_E over the %1 number tokens: %2 active frequencies</source>
        <translation>W_E 在 %1 个数字词元上的 DFT：%2 个活跃频率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>frequency k</source>
        <translation>频率 k</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>orthonormal basis sqrt(2/p) cos(2 pi k x / p), sin; %1</source>
        <translation>正交归一基 sqrt(2/p) cos(2 pi k x / p)、sin；%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active frequencies (norm &gt; mean + 2 std = %1): %2. Seed 002: few for nanda, many for miiii, none for basis. Constant component: %3.</source>
        <translation>活跃频率（范数 &gt; mean + 2 std = %1）：%2。Seed 002：nanda 较少，miiii 较多，basis 没有。常数分量：%3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>neuron %1: activation over (x0, x1)</source>
        <translation>神经元 %1：在 (x0, x1) 上的激活</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU output</source>
        <translation>ReLU 输出</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>|2D DFT| of neuron %1</source>
        <translation>神经元 %1 的 |2D DFT|</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>|F|</source>
        <translation>|F|</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>head %1: attention of &quot;=&quot; to %2 over (x0, x1)</source>
        <translation>注意力头 %1：在 (x0, x1) 上 &quot;=&quot; 对 %2 的注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Layer %1; the rest of each query&apos;s weight goes to &quot;=&quot; itself.</source>
        <translation>第 %1 层；每个查询的其余权重落在 &quot;=&quot; 自身上。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Seed 002&apos;s findings beside %1 (%2). Each verdict names its rule. Whether Grokfast is needed (seed: miiii does not converge with lambda = 0) is a comparison of two runs: train the same settings with lambda 0 (README, &quot;Seed 002&quot;).</source>
        <translation>Seed 002 的发现与 %1（%2）并列。每条结论都注明其判定规则。Grokfast 是否必要（seed：miiii 在 lambda = 0 时不收敛）需比较两次运行：以相同设置、lambda 0 再训练一次（README，“Seed 002”）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of the %2 cells of seed 002&apos;s Table 1 grid (seeded draw %3), %4 steps each, task %5 at p = %6, data seed %7%8.</source>
        <translation>seed 002 表 1 网格 %2 个单元中的 %1 个（抽样种子 %3），每个 %4 步，任务 %5，p = %6，数据种子 %7%8。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>; cancelled: the rows so far</source>
        <translation>; 已取消：仅含目前已有的行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>positional</source>
        <translation>位置嵌入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>singular values</source>
        <translation>奇异值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>singular vectors</source>
        <translation>奇异向量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fourier</source>
        <translation>傅里叶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>neuron map</source>
        <translation>神经元图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>neuron dft</source>
        <translation>神经元 DFT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
</context>
<context>
    <name>kronscope::app::PerplexityPanel</name>
    <message>
        <location filename="../app/gui/pages/perplexity_panel.cpp" line="+23"/>
        <source>UTF-8 text file</source>
        <translation>UTF-8 文本文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tokens per window (at most the model&apos;s n_positions).</source>
        <translation>每个窗口的词元数（不超过模型的 n_positions）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_length</source>
        <translation>max_length</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step between window starts. stride &lt; max_length gives every scored token more context.</source>
        <translation>相邻窗口起点之间的步长。stride &lt; max_length 可为每个计分词元提供更多上下文。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stride</source>
        <translation>stride</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>whole text</source>
        <translation>全部文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use only the first N tokens of the text (0: all).</source>
        <translation>仅使用文本的前 N 个词元（0：全部）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token limit</source>
        <translation>词元上限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The checkpoint is loaded on this device when opened.</source>
        <translation>打开检查点时会将其加载到此设备。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tf32 (f32 weights, TF32 matmuls)</source>
        <translation>tf32（f32 权重，TF32 矩阵乘法）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The precision the checkpoint is loaded in when opened. On the CPU: f32. On a CUDA device also tf32 (float32 weights, tensor-core matmuls), bf16 and f16 (about 3 significant digits; the perplexity moves by well under 1% on GPT-2).</source>
        <translation>打开检查点时加载所用的精度。CPU 上：f32。CUDA 设备上另有 tf32（float32 权重，张量核心矩阵乘法）、bf16 和 f16（约 3 位有效数字；在 GPT-2 上困惑度的变化远小于 1%）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measure perplexity</source>
        <translation>测量困惑度</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a text</source>
        <translation>选择文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text files (*.txt *.raw *.md);;All files (*)</source>
        <translation>文本文件 (*.txt *.raw *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>CUDA devices only</source>
        <translation>仅限 CUDA 设备</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open a checkpoint first.</source>
        <translation>请先打开一个检查点。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a text file to score.</source>
        <translation>请选择要计分的文本文件。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::PreferencesDialog</name>
    <message>
        <location filename="../app/gui/widgets/preferences_dialog.cpp" line="+17"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All cores (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Threads one computation (perplexity, decomposition, training) may use. Fewer leave cores free for other work.</source>
        <translation>单个计算（困惑度、分解、训练）可使用的线程数。较少的线程可为其他工作留出核心。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Threads for computations</source>
        <translation>计算线程数(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes take effect the next time Kronscope starts.</source>
        <translation>更改将在下次启动 Kronscope 时生效。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ProbePanel</name>
    <message>
        <location filename="../app/gui/pages/probe_panel.cpp" line="+74"/>
        <source>Probe</source>
        <translation>探针</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All block matrices</source>
        <translation>所有块矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention (c_attn, attn.c_proj)</source>
        <translation>注意力层（c_attn、attn.c_proj）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP (c_fc, mlp.c_proj)</source>
        <translation>MLP（c_fc、mlp.c_proj）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected matrix</source>
        <translation>所选矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matrices</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size n</source>
        <translation>块大小 n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>r = n</source>
        <translation>r = n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms r</source>
        <translation>项数 r</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>small factor first (A ⊗ S)</source>
        <translation>小因子在前（A ⊗ S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor second (S ⊗ A)</source>
        <translation>小因子在后（S ⊗ A）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both orders (2x2 basis energy)</source>
        <translation>两种顺序（2x2 基能量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor order</source>
        <translation>因子顺序</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Null draws</source>
        <translation>零模型抽样次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also the permuted-entries null</source>
        <translation>同时使用元素置换零模型</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Whole square matrices (polar factor)</source>
        <translation>整个方阵（极分解因子）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-head blocks of Q, K, V, output</source>
        <translation>Q、K、V、输出的逐头分块</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronecker factors A_k (n × n)</source>
        <translation>克罗内克因子 A_k（n × n）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every 2×2 tile (atan2(b, a))</source>
        <translation>每个 2×2 分块（atan2(b, a)）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Angles from</source>
        <translation>角度来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Histogram bins</source>
        <translation>直方图分箱数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S_k up to k =</source>
        <translation>S_k 直至 k =</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Run probe</source>
        <translation>运行探针</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this probe</source>
        <translation>本次探测</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every score is shown beside the same score on null matrices (Gaussian, permuted entries, or Haar-random rotations) with its z-score. See Help in the README for the definitions.</source>
        <translation>每个得分都与零矩阵（高斯、元素置换或 Haar 随机旋转）上的同一得分及其 z 分数并列显示。定义见 README 中的 Help 部分。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The open GPT-2 checkpoint</source>
        <translation>已打开的 GPT-2 检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The open modular model (seed 002)</source>
        <translation>已打开的模运算模型（seed 002）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A modular-addition model holds rotations by its key frequencies: the positive control for these probes. Its matrices: W_E, W_U, W_in, W_out and every head&apos;s W_Q, W_K, W_V, W_O; shapes the block size does not divide are skipped.</source>
        <translation>模加法模型包含按其关键频率的旋转：这些探针的阳性对照。其矩阵：W_E、W_U、W_in、W_out 以及每个注意力头的 W_Q、W_K、W_V、W_O；形状不能被块大小整除的矩阵将被跳过。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weights of</source>
        <translation>权重来源</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>select a matrix in the Model panel first</source>
        <translation>请先在“模型”面板中选择一个矩阵</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>custom matrices: give names or a spec such as layers:0-5</source>
        <translation>自定义矩阵：请给出名称或诸如 layers:0-5 的规格</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>both factor orders at once is for the 2x2 basis energy: pick one order for this probe</source>
        <translation>同时使用两种因子顺序仅适用于 2x2 基能量：请为此探针选择一种顺序</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ProbeView</name>
    <message>
        <location filename="../app/gui/results/probe_runs.cpp" line="+15"/>
        <source>Kronecker ratio</source>
        <translation>克罗内克比值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2x2 basis energy</source>
        <translation>2x2 基能量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clifford violation</source>
        <translation>Clifford 违背度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotation angles</source>
        <translation>旋转角</translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_view.cpp" line="+114"/>
        <source>%1 null: mean %2, std %3 over %4 draws; z = %5</source>
        <translation>%1零模型：均值 %2，标准差 %3（%4 次抽样）；z = %5</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Gaussian + permuted</source>
        <translation>高斯 + 置换</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+496"/>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <location line="-494"/>
        <source>n = %1, r = %2, %3</source>
        <translation>n = %1，r = %2，%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>small factor second</source>
        <translation>小因子在后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor first</source>
        <translation>小因子在前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2x2 blocks (S ⊗ A)</source>
        <translation>2x2 分块（S ⊗ A）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2x2 factor first (A ⊗ S)</source>
        <translation>2x2 因子在前（A ⊗ S）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1; %2 nulls, %3 draws, seed %4</source>
        <translation>%1；零模型：%2，%3 次抽样，随机种子 %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Haar O(N)</source>
        <translation>Haar O(N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>angles from %1%2; %3 bins, S_1..S_%4; %5 nulls, %6 draws, seed %7</source>
        <translation>角度来源 %1%2；%3 个分箱，S_1..S_%4；零模型：%5，%6 次抽样，随机种子 %7</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>model %1 (content hash %2) · </source>
        <translation>模型 %1（内容哈希 %2） · </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>model content hash %1 · </source>
        <translation>模型内容哈希 %1 · </translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_runs.cpp" line="+19"/>
        <source>2x2 factor first</source>
        <translation>2x2 因子在前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2x2 blocks</source>
        <translation>2x2 分块</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 · %3 · %4 draws, seed %5</source>
        <translation>%1 · %2 · %3 · %4 次抽样，随机种子 %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 draws, seed %2</source>
        <translation>%1 次抽样，随机种子 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Toy %1 · %2 · n = 2, r = 2 · %3</source>
        <translation>玩具模型 %1 · %2 · n = 2，r = 2 · %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Toy %1 · %2 · %3</source>
        <translation>玩具模型 %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Toy %1 · %2 · n = 2 · %3</source>
        <translation>玩具模型 %1 · %2 · n = 2 · %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Toy %1 · %2 · column blocks · %3</source>
        <translation>玩具模型 %1 · %2 · 列分块 · %3</translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_view_pages.cpp" line="+45"/>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run a structure probe from the Experiment panel (Structure probes). Results appear here, each score beside its null model.</source>
        <translation>请在“实验”面板（结构探针）中运行结构探针。结果将显示在此处，每个得分与其零模型并列。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ratio to the Gaussian null</source>
        <translation>与高斯零模型之比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z against the Gaussian null</source>
        <translation>相对高斯零模型的 z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ratio to the permuted null</source>
        <translation>与置换零模型之比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z against the permuted null</source>
        <translation>相对置换零模型的 z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ratio to the row/column-permuted null</source>
        <translation>与行/列置换零模型之比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z against the row/column-permuted null</source>
        <translation>相对行/列置换零模型的 z</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+30"/>
        <location line="+18"/>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+48"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>rel. error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+27"/>
        <location line="+21"/>
        <source>Gaussian null mean</source>
        <translation>高斯零模型均值</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+26"/>
        <location line="+22"/>
        <source>Gaussian null std</source>
        <translation>高斯零模型标准差</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>ratio (Gaussian)</source>
        <translation>比值（高斯）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+26"/>
        <location line="+4"/>
        <location line="+18"/>
        <source>z (Gaussian)</source>
        <translation>z（高斯）</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>permuted null mean</source>
        <translation>置换零模型均值</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>ratio (permuted)</source>
        <translation>比值（置换）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+25"/>
        <location line="+22"/>
        <source>z (permuted)</source>
        <translation>z（置换）</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>row/col null mean</source>
        <translation>行/列零模型均值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ratio (row/col)</source>
        <translation>比值（行/列）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <location line="+19"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>z (row/col)</source>
        <translation>z（行/列）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Color:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Matrices</source>
        <translation>矩阵数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>J</source>
        <translation>J</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>complex (I+J)</source>
        <translation>复数（I+J）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+36"/>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>m11</source>
        <translation>m11</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>m12</source>
        <translation>m12</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>m21</source>
        <translation>m21</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>m22</source>
        <translation>m22</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a (I)</source>
        <translation>a (I)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>b (J)</source>
        <translation>b (J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>c (K)</source>
        <translation>c (K)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>d (L)</source>
        <translation>d (L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>complex share</source>
        <translation>复数占比</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+35"/>
        <location line="+3"/>
        <source>null mean</source>
        <translation>零模型均值</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>angle (deg)</source>
        <translation>角度（度）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>det</source>
        <translation>det</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signature</source>
        <translation>符号差</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+2"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>S_k</source>
        <translation>S_k</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>null std</source>
        <translation>零模型标准差</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>z</source>
        <translation>z</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Null</source>
        <translation>零模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blocks</source>
        <translation>块数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Angles</source>
        <translation>角度数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>strongest k</source>
        <translation>最强 k</translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_view.cpp" line="+138"/>
        <source>Kronecker ratio map</source>
        <translation>克罗内克比值图</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Basis-energy pies</source>
        <translation>基能量饼图</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clifford pair violations</source>
        <translation>Clifford 成对违背度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Angle histogram</source>
        <translation>角度直方图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S_k vs null</source>
        <translation>S_k 与零模型对比</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This result cannot be shown: %1</source>
        <translation>无法显示此结果：%1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>layers × matrix kinds</source>
        <translation>层 × 矩阵类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Kronecker ratio&lt;/b&gt; = rel. error of the Kronecker fit / mean rel. error of the same fit on null matrices of the same shape. Below 1 (z ≪ 0): more Kronecker structure than chance.&lt;br&gt;%1; %2 matrices, %3 s</source>
        <translation>&lt;b&gt;克罗内克比值&lt;/b&gt; = 克罗内克拟合的相对误差 / 同形状零矩阵上相同拟合的平均相对误差。小于 1（z ≪ 0）：克罗内克结构多于随机水平。&lt;br&gt;%1；%2 个矩阵，%3 秒</translation>
    </message>
    <message>
        <location line="-210"/>
        <location line="+241"/>
        <source>(no layer)</source>
        <translation>（无层）</translation>
    </message>
    <message>
        <location line="-241"/>
        <location line="+241"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matrix kind</source>
        <translation>矩阵类型</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Kronecker ratio per layer and matrix kind</source>
        <translation>各层及各矩阵类型的克罗内克比值</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+96"/>
        <source>whole selection</source>
        <translation>全部所选</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>whole selection (%1 matrices)</source>
        <translation>全部所选（%1 个矩阵）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;2x2 basis energy&lt;/b&gt;: W = I⊗S_I + J⊗S_J + K⊗S_K + L⊗S_L (I scaling, J rotation, K and L reflections); share of X = 2‖S_X‖² / ‖W‖². Null: 25 % each, complex (I + J) 50 %.&lt;br&gt;%1; %2 s</source>
        <translation>&lt;b&gt;2x2 基能量&lt;/b&gt;：W = I⊗S_I + J⊗S_J + K⊗S_K + L⊗S_L（I 为缩放，J 为旋转，K 和 L 为反射）；X 的占比 = 2‖S_X‖² / ‖W‖²。零模型：各占 25%，复数（I + J）占 50%。&lt;br&gt;%1；%2 秒</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&lt;b&gt;Clifford violation&lt;/b&gt; V of the fitted factors A_k (normalized, best diagonal signature): 0 for an exact Clifford generating set, about 1 for none. The map shows each pair&apos;s ‖{A_i, A_j} − 2η_ij I‖² / ‖{A_i, A_j}‖².&lt;br&gt;%1; %2 s</source>
        <translation>拟合因子 A_k 的&lt;b&gt;Clifford 违背度&lt;/b&gt; V（归一化，取最佳对角符号差）：精确的 Clifford 生成元组为 0，完全不满足时约为 1。图中显示每一对的 ‖{A_i, A_j} − 2η_ij I‖² / ‖{A_i, A_j}‖²。&lt;br&gt;%1；%2 秒</translation>
    </message>
    <message>
        <location line="-376"/>
        <source>&lt;br&gt;Skipped: %1</source>
        <translation>&lt;br&gt;已跳过：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (and %n more)</source>
        <translation>
            <numerusform>（另有 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+408"/>
        <source>&lt;b&gt;Rotation angles&lt;/b&gt;: eigen-angles θ of polar factors; S_k = |mean exp(ikθ)| detects k-fold (roots-of-unity) symmetry. Null: Haar-random rotations of the same size.&lt;br&gt;%1; %2 s%3</source>
        <translation>&lt;b&gt;旋转角&lt;/b&gt;：极分解因子的特征角 θ；S_k = |mean exp(ikθ)| 用于检测 k 重（单位根）对称性。零模型：同尺寸的 Haar 随机旋转。&lt;br&gt;%1；%2 秒%3</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>observed</source>
        <translation>观测值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>complex (I+J)
%1 %</source>
        <translation>复数（I+J）
%1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaussian null
(mean of %1)</source>
        <translation>高斯零模型
（%1 次的均值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>complex %1 % ± %2
z = %3</source>
        <translation>复数 %1% ± %2
z = %3</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>permuted null
(mean of %1)</source>
        <translation>置换零模型
（%1 次的均值）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>2x2 basis energy of %1</source>
        <translation>%1 的 2x2 基能量</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pair violation</source>
        <translation>成对违背度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: V = %2; %3</source>
        <translation>%1：V = %2；%3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Haar O(%1) null</source>
        <translation>Haar O(%1) 零模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gaussian null</source>
        <translation>高斯零模型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>observed (%1 angles)</source>
        <translation>观测值（%1 个角度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, mean of %2 draws</source>
        <translation>%1，%2 次抽样的均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eigen-angles of %1</source>
        <translation>%1 的特征角</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S_k observed</source>
        <translation>S_k 观测值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 mean</source>
        <translation>%1均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k-fold symmetry S_k of %1</source>
        <translation>%1 的 k 重对称性 S_k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S_k = |mean exp(ikθ)|</source>
        <translation>S_k = |mean exp(ikθ)|</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ReproductionView</name>
    <message>
        <location filename="../app/gui/results/reproduction_view.cpp" line="+17"/>
        <source>recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>seed (published)</source>
        <translation>种子（已发表）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this model</source>
        <translation>本模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a table or figure of the seeds from the &lt;b&gt;Reproduce&lt;/b&gt; menu: it fills the right page with the seed&apos;s settings for the open model, runs it, and lists the seed&apos;s published numbers here beside this model&apos;s, with a verdict on each claim.</source>
        <translation>从&lt;b&gt;复现&lt;/b&gt;菜单中选择种子的一个表格或图：它会用种子的设置为当前模型填写相应页面并运行，然后在此并列显示种子发表的数值与本模型的数值，并对每个论断给出结论。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;: %2. &lt;i&gt;Seed:&lt;/i&gt; %3. &lt;i&gt;This run:&lt;/i&gt; %4&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;：%2。&lt;i&gt;种子：&lt;/i&gt;%3。&lt;i&gt;本次运行：&lt;/i&gt;%4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;p&gt;The values differ from the seed&apos;s wherever the model does (&quot;value (other model)&quot;); a claim (an ordering, a sign, a threshold) holds or not on this model.&lt;/p&gt;</source>
        <translation>&lt;p&gt;凡模型不同之处，数值都与种子不同（“value (other model)”）；论断（次序、符号、阈值）在本模型上成立或不成立。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kronscope::app::StructureMapPanel</name>
    <message>
        <location filename="../app/gui/pages/structure_map_panel.cpp" line="+25"/>
        <source>Kronecker ratio (vs Gaussian null)</source>
        <translation>克罗内克比值（相对高斯零模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronecker relative error</source>
        <translation>克罗内克相对误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD relative error (matched parameters)</source>
        <translation>SVD 相对误差（参数量相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Block sizes</source>
        <translation>块大小</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which block matrices: all, attn, mlp, layers:A-B, kinds:c_fc,..., matrices:h.0.mlp.c_fc,...; join with + for an intersection (attn+layers:6-11).</source>
        <translation>选择哪些块矩阵：all、attn、mlp、layers:A-B、kinds:c_fc,...、matrices:h.0.mlp.c_fc,...；用 + 连接表示取交集（attn+layers:6-11）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Null draws</source>
        <translation>零模型抽样次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute structure map</source>
        <translation>计算结构图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this structure map</source>
        <translation>本结构图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every block matrix at every block size; shown as a 3D landscape. Click a cell to select that matrix.</source>
        <translation>每个块矩阵在每种块大小下的结果，以三维地形图显示。单击单元格可选择该矩阵。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::StructureMapView</name>
    <message>
        <location filename="../app/gui/results/structure_map_view.cpp" line="+26"/>
        <source>matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>block size n</source>
        <translation>块大小 n</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kronecker ratio</source>
        <translation>克罗内克比值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kronecker rel. error</source>
        <translation>克罗内克相对误差</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SVD rel. error</source>
        <translation>SVD 相对误差</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Compute a structure map from the Experiment panel.</source>
        <translation>请在“实验”面板中计算结构图。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Picked &lt;b&gt;%1&lt;/b&gt; at n = %2: %3 = %4</source>
        <translation>已选取 &lt;b&gt;%1&lt;/b&gt;，n = %2：%3 = %4</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 from %2 to %3 over %4 matrices × %5 block sizes. Drag to rotate, wheel to zoom, click to select a matrix.</source>
        <translation>%1 从 %2 到 %3，共 %4 个矩阵 × %5 种块大小。拖动可旋转，滚轮可缩放，单击可选择矩阵。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::SweepPanel</name>
    <message>
        <location filename="../app/gui/pages/sweep_panel.cpp" line="+25"/>
        <source>Kronecker</source>
        <translation>克罗内克</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD</source>
        <translation>SVD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hybrid</source>
        <translation>混合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse hybrid</source>
        <translation>反向混合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kronecker on attention, SVD on MLP (seed 000&apos;s decisive test).</source>
        <translation>注意力层用克罗内克，MLP 用 SVD（seed 000 的决定性测试）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD on attention, Kronecker on MLP.</source>
        <translation>注意力层用 SVD，MLP 用克罗内克。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comma-separated block sizes n (A_k n × n, r = n; SVD at the matched rank).</source>
        <translation>以逗号分隔的块大小 n（A_k 为 n × n，r = n；SVD 取匹配的秩）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block sizes</source>
        <translation>块大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. attn+layers:6-11 or kinds:c_fc</source>
        <translation>例如 attn+layers:6-11 或 kinds:c_fc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all, attn, mlp, layers:A-B, kinds:K,K, matrices:M,M; join with + to intersect.</source>
        <translation>all、attn、mlp、layers:A-B、kinds:K,K、matrices:M,M；用 + 连接表示取交集。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom targets</source>
        <translation>自定义目标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>n (seed convention)</source>
        <translation>n（seed 约定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronecker terms r</source>
        <translation>克罗内克项数 r</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>small factor first (A_k n × n)</source>
        <translation>小因子在前（A_k 为 n × n）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor second (n × n tiles)</source>
        <translation>小因子在后（n × n 分块）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor order</source>
        <translation>因子顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frobenius rescaling</source>
        <translation>Frobenius 重缩放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measure the unmodified model first</source>
        <translation>先测量未修改的模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this sweep</source>
        <translation>本次手术扫掠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uses the text and window of the Perplexity page.</source>
        <translation>使用“困惑度”页面的文本和窗口设置。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All block matrices</source>
        <translation>所有块矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention only</source>
        <translation>仅注意力层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP only</source>
        <translation>仅 MLP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Early layers (0-%1)</source>
        <translation>前部层（0-%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Late layers (%1-%2)</source>
        <translation>后部层（%1-%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All five (seed table: all, attn, MLP, early, late)</source>
        <translation>全部五种（seed 表格：all、attn、MLP、前部、后部）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Selected matrix</source>
        <translation>所选矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>choose at least one method</source>
        <translation>请至少选择一种方法</translation>
    </message>
    <message>
        <location filename="../app/gui/pages/page_fields.cpp" line="+16"/>
        <source>block sizes: &apos;%1&apos; is not a positive integer</source>
        <translation>块大小：“%1”不是正整数</translation>
    </message>
    <message>
        <location filename="../app/gui/pages/sweep_panel.cpp" line="+2"/>
        <source>block sizes: give at least one</source>
        <translation>块大小：请至少给出一个</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>targets: select a matrix in the Model panel</source>
        <translation>目标：请在“模型”面板中选择一个矩阵</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>targets: empty</source>
        <translation>目标：为空</translation>
    </message>
</context>
<context>
    <name>kronscope::app::SweepView</name>
    <message>
        <location filename="../app/gui/results/sweep_view.cpp" line="+16"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Matrices</source>
        <translation>矩阵数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>× baseline</source>
        <translation>× 基线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mean rel. error</source>
        <translation>平均相对误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens scored</source>
        <translation>计分词元数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_length</source>
        <translation>max_length</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stride</source>
        <translation>stride</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>模型哈希</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text hash</source>
        <translation>文本哈希</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sweep&apos;s own throughput over the cells finished so far: evaluations per minute and tokens run through the model per second, both per second of cell time (the surgery&apos;s fits plus the evaluation). Seconds: a cell&apos;s wall time; Tokens/s: its evaluation alone.</source>
        <translation>扫描自身在已完成单元上的吞吐量：每分钟评估次数和每秒通过模型的词元数，均按单元时间（手术拟合加评估）计算。秒：单元的实际耗时；词元/秒：仅其评估。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>unmodified model: PPL %1</source>
        <translation>未修改的模型：PPL %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Throughput: %1 evaluations/min, %2 tokens/s through the model (cells timed: %3, %4 s of surgery + evaluation, %5 %6)</source>
        <translation>吞吐量：%1 次评估/分钟，%2 词元/秒通过模型（计时单元：%3，%4 秒手术 + 评估，%5 %6）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Throughput: not recorded (rows from a file written before cells were timed)</source>
        <translation>吞吐量：未记录（这些行来自单元计时之前写入的文件）</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ToyLabPanel</name>
    <message>
        <location filename="../app/gui/pages/toy_panel.cpp" line="+31"/>
        <source>Features n</source>
        <translation>特征数 n</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hidden m</source>
        <translation>隐藏维度 m</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S = the probability that a feature is zero (0 dense, near 1 sparse)</source>
        <translation>S = 某个特征为零的概率（0 为稠密，接近 1 为稀疏）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sparsity S</source>
        <translation>稀疏度 S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sparsity sweep (S = 0 … 0.99)</source>
        <translation>稀疏度扫描（S = 0 … 0.99）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One model per sparsity, log-spaced in 1 − S; everything else (and the seed) the same</source>
        <translation>每个稀疏度一个模型，按 1 − S 对数间隔；其余设置（包括随机种子）相同</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sweep models</source>
        <translation>扫描模型数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Importance I_i = d^i, d =</source>
        <translation>重要性 I_i = d^i，d =</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Null draws (probes)</source>
        <translation>零模型抽样次数（探针）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train toy model</source>
        <translation>训练玩具模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>h = W x, x&apos; = ReLU(Wᵀh + b), loss Σ I_i (x_i − x&apos;_i)², AdamW. A seed reproduces a run exactly; a sweep changes only S.</source>
        <translation>h = W x，x&apos; = ReLU(Wᵀh + b)，损失 Σ I_i (x_i − x&apos;_i)²，AdamW。相同的随机种子可精确复现一次运行；扫描只改变 S。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ToyLabView</name>
    <message>
        <location filename="../app/gui/results/toy_view.cpp" line="+26"/>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S = %1, seed %2</source>
        <translation>S = %1，随机种子 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run all probes on this W</source>
        <translation>在此 W 上运行所有探针</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+99"/>
        <source>Train a toy model from the Experiment panel (Toy superposition model).</source>
        <translation>请在“实验”面板（叠加玩具模型）中训练一个玩具模型。</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>weighted squared error</source>
        <translation>加权平方误差</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sparsity S</source>
        <translation>稀疏度 S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Initial loss</source>
        <translation>初始损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Features represented (‖W_i‖ &gt; 0.5)</source>
        <translation>已表示的特征（‖W_i‖ &gt; 0.5）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>W and WᵀW</source>
        <translation>W 与 WᵀW</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+80"/>
        <source>Feature norms</source>
        <translation>特征范数</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>S = %1</source>
        <translation>S = %1</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n models; see the table for each one&apos;s settings</source>
        <translation>
            <numerusform>%n 个模型；各模型的设置见表格</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Loss curves</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>WᵀW</source>
        <translation>WᵀW</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>hidden dimension</source>
        <translation>隐藏维度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feature (importance descending)</source>
        <translation>特征（按重要性降序）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W (%1 × %2), %3</source>
        <translation>W（%1 × %2），%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WᵀW: interference between features, %1</source>
        <translation>WᵀW：特征间干扰，%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>‖W_i‖</source>
        <translation>‖W_i‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature norms, %1: %2 of %3 features represented</source>
        <translation>特征范数，%1：%3 个特征中有 %2 个被表示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>‖W_i‖ (column norm)</source>
        <translation>‖W_i‖（列范数）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&lt;br&gt;loss %2 → %3 in %4 steps (%5 s). Run the structure probes on this W with the button above; they appear in the Structure probes tab, each beside its null.</source>
        <translation>%1&lt;br&gt;损失 %2 → %3，共 %4 步（%5 秒）。使用上方按钮在此 W 上运行结构探针；结果将显示在“结构探针”标签页中，每项与其零模型并列。</translation>
    </message>
</context>
<context>
    <name>kronscope::app::TrainDialog</name>
    <message>
        <location filename="../app/gui/widgets/train_dialog.cpp" line="+60"/>
        <source>Train a GPT-2</source>
        <translation>训练 GPT-2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Brown corpus (train split; validation split for the loss)</source>
        <translation>Brown 语料库（训练集；损失在验证集上计算）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A UTF-8 text file</source>
        <translation>UTF-8 文本文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+309"/>
        <source>validation (EMA)</source>
        <translation>验证（EMA）</translation>
    </message>
    <message>
        <location line="-280"/>
        <source>Text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>demo: 6 layers, n_embd 128, 256 positions (the shipped demo)</source>
        <translation>demo：6 层，n_embd 128，256 个位置（随附的演示模型）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tiny: 2 layers, n_embd 64 (seconds)</source>
        <translation>tiny：2 层，n_embd 64（数秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gpt2: GPT-2 small (GPU recommended)</source>
        <translation>gpt2：GPT-2 small（建议使用 GPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random init (GPT-2&apos;s recipe)</source>
        <translation>随机初始化（GPT-2 的方法）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A Hugging Face GPT-2 checkpoint folder whose weights start the run: fine-tune a model, or continue a finished run with a new schedule. Its config.json is the architecture.</source>
        <translation>一个 Hugging Face GPT-2 检查点文件夹，其权重作为训练起点：微调模型，或以新的学习率计划继续已完成的训练。其 config.json 决定架构。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start from</source>
        <translation>起始权重</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The same seed gives the same weights (on the same thread count): train several seeds for cross-seed comparisons.</source>
        <translation>相同的随机种子会得到相同的权重（在线程数相同时）：训练多个种子以进行跨种子比较。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch (windows)</source>
        <translation>批大小（窗口数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context (tokens)</source>
        <translation>上下文（词元）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Peak learning rate</source>
        <translation>峰值学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cosine decay ends at this fraction of the peak learning rate.</source>
        <translation>余弦衰减结束于峰值学习率的此比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final learning rate (x peak)</source>
        <translation>最终学习率（× 峰值）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>auto: min(100, steps / 10)</source>
        <translation>自动：min(100, 步数 / 10)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps of linear learning-rate warmup before the cosine decay (the shipped demo: 200).</source>
        <translation>余弦衰减之前学习率线性预热的步数（随附的演示模型：200）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warmup steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropout on embeddings, attention and residual branches while training (GPT-2&apos;s *_pdrop)</source>
        <translation>训练时对嵌入、注意力层和残差分支应用 Dropout（GPT-2 的 *_pdrop）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Stochastic weight averaging: after every step past this one the weights enter a running mean, which is validated too and is the exported model. Useful with a constant learning rate (final = 1 x peak).</source>
        <translation>随机权重平均：此步之后每一步的权重都计入滑动平均，该平均同样做验证，并作为导出的模型。适合恒定学习率（最终 = 1 × 峰值）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Average weights after step</source>
        <translation>从此步之后平均权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exponential moving average of the weights (w_ema &lt;- d w_ema + (1 - d) w after every step), validated too and exported to the output folder&apos;s ema/ beside the main checkpoint: compare SWA and EMA on the Compression page.</source>
        <translation>权重的指数移动平均（每步后 w_ema &lt;- d w_ema + (1 - d) w），同样进行验证，并导出到输出文件夹的 ema/（主检查点旁）：在压缩页面比较 SWA 与 EMA。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>EMA decay</source>
        <translation>EMA 衰减</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Train on the CPU or a CUDA GPU. Dropout masks are drawn on this device, so a run with dropout resumes on the same kind of device.</source>
        <translation>在 CPU 或 CUDA GPU 上训练。Dropout 掩码在该设备上生成，因此带 dropout 的训练须在同类设备上继续。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Resume the run saved in this folder (with its own settings)</source>
        <translation>继续此文件夹中保存的训练（使用其自身的设置）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A cancelled or interrupted run keeps trainer_state.pt in its folder: resuming continues it exactly where it stopped. Corpus and device come from this dialog.</source>
        <translation>被取消或中断的训练会在其文件夹中保留 trainer_state.pt：继续训练将从停止处精确接续。语料和设备取自此对话框。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>A saved run is in this folder; its settings are read from trainer_state.pt when it continues.</source>
        <translation>此文件夹中有已保存的训练；继续时将从 trainer_state.pt 读取其设置。</translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+307"/>
        <source>validation (weight average)</source>
        <translation>验证（权重平均）</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>none (no validation text)</source>
        <translation>无（没有验证文本）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Brown test split: PPL %1 (max_length = stride = %2, %3 tokens) vs add-one unigram %4; unigram PPL / model PPL = %5.</source>
        <translation>Brown 测试集：PPL %1（max_length = stride = %2，%3 个词元），加一平滑一元模型 %4；一元模型 PPL / 本模型 PPL = %5。</translation>
    </message>
    <message>
        <location line="-373"/>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Training text</source>
        <translation>训练文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text (*.txt);;All files (*)</source>
        <translation>文本 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>context %1 is longer than the model&apos;s %2 positions</source>
        <translation>上下文 %1 超过了模型的 %2 个位置</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>choose a text file to train on</source>
        <translation>请选择用于训练的文本文件</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>Start from checkpoint</source>
        <translation>从检查点开始</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>AdamW (betas 0.9/0.95, weight decay 0.1), linear warmup and cosine decay to the final learning rate, gradient clipping 1.0. Cancel in the Jobs panel keeps a resumable state.</source>
        <translation>AdamW（betas 0.9/0.95，权重衰减 0.1），线性预热后余弦衰减至最终学习率，梯度裁剪 1.0。在任务面板中取消会保留可恢复的状态。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Saved run: %1 layers, n_embd %2, %3 steps; it continues where it stopped.</source>
        <translation>已保存的训练：%1 层，n_embd %2，%3 步；将从停止处继续。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot resume: %1</source>
        <translation>无法继续：%1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>choose an output folder</source>
        <translation>请选择输出文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a checkpoint folder (no config.json) to start from</source>
        <translation>%1 不是可作为起点的检查点文件夹（没有 config.json）</translation>
    </message>
    <message>
        <location line="-265"/>
        <location line="+305"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-304"/>
        <location line="+306"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Resume training in %1 (seed %2, %3 steps)</source>
        <translation>继续 %1 中的训练（种子 %2，%3 步）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Train %1 (seed %2, %3 steps)</source>
        <translation>训练 %1（种子 %2，%3 步）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from %1</source>
        <translation>从 %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Done: %1 steps, validation loss %2, %3 tokens/s. Checkpoint: %4</source>
        <translation>完成：%1 步，验证损失 %2，%3 词元/秒。检查点：%4</translation>
    </message>
</context>
<context>
    <name>kronscope::views::AngleHistogramPlot</name>
    <message>
        <location filename="../views/src/plots.cpp" line="+447"/>
        <source>angle θ (radians)</source>
        <translation>角度 θ（弧度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fraction of angles</source>
        <translation>角度占比</translation>
    </message>
</context>
<context>
    <name>kronscope::views::HeatmapView</name>
    <message>
        <location filename="../views/src/heatmap_view.cpp" line="+38"/>
        <location line="+88"/>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="-87"/>
        <location line="+88"/>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Hover over the map to read row, column and value.</source>
        <translation>将鼠标悬停在图上可读取行、列和数值。</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>row %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row %1, column %2: no value</source>
        <translation>第 %1 行，第 %2 列：无数值</translation>
    </message>
</context>
<context>
    <name>kronscope::views::LandscapeView</name>
    <message>
        <location filename="../views/src/landscape_view.cpp" line="+57"/>
        <source>Drag to rotate, wheel to zoom, click a cell to select that matrix.</source>
        <translation>拖动可旋转，滚轮可缩放，单击单元格可选择该矩阵。</translation>
    </message>
    <message>
        <location line="+231"/>
        <source>nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Compute a structure map (Structure map page) to see its landscape.</source>
        <translation>计算结构图（“结构图”页面）即可查看其地形图。</translation>
    </message>
</context>
<context>
    <name>kronscope::views::LossPlot</name>
    <message>
        <location filename="../views/src/plots.cpp" line="-220"/>
        <source>optimizer step</source>
        <translation>优化步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss (nats per token)</source>
        <translation>损失（每词元 nat）</translation>
    </message>
</context>
<context>
    <name>kronscope::views::PruneSweepPlot</name>
    <message>
        <location line="+346"/>
        <source>pruned share per tensor (%)</source>
        <translation>每张量剪枝比例 (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>artifact (MB, zstd)</source>
        <translation>产物（MB，zstd）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pruning x int-k: bytes and perplexity</source>
        <translation>剪枝 x int-k：字节与困惑度</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>int%1 bytes</source>
        <translation>int%1 字节</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>int%1 perplexity</source>
        <translation>int%1 困惑度</translation>
    </message>
</context>
<context>
    <name>kronscope::views::ResultTable</name>
    <message>
        <location filename="../views/src/result_table.cpp" line="+41"/>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy as CSV</source>
        <translation>复制为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy as LaTeX</source>
        <translation>复制为 LaTeX</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>unknown table format &apos;.%1&apos; (use .csv, .md or .tex)</source>
        <translation>未知的表格格式“.%1”（请使用 .csv、.md 或 .tex）</translation>
    </message>
</context>
<context>
    <name>kronscope::views::ScoreNullPlot</name>
    <message>
        <location filename="../views/src/plots.cpp" line="-64"/>
        <source>null ± 2 std</source>
        <translation>零模型 ± 2 倍标准差</translation>
    </message>
</context>
<context>
    <name>kronscope::views::SpectrumPlot</name>
    <message>
        <location line="-478"/>
        <source>index k</source>
        <translation>索引 k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>singular value</source>
        <translation>奇异值</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: kept (%2)</source>
        <translation>%1：保留（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: dropped</source>
        <translation>%1：舍弃</translation>
    </message>
</context>
<context>
    <name>kronscope::views::SweepPlot</name>
    <message>
        <location line="+41"/>
        <source>block size n</source>
        <translation>块大小 n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity (log scale)</source>
        <translation>困惑度（对数刻度）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Perplexity after surgery</source>
        <translation>权重手术后的困惑度</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+61"/>
        <source>Kronecker and SVD structure analysis of GPT-2 weights.</source>
        <translation>GPT-2 权重的克罗内克与 SVD 结构分析。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checkpoint folder or session file to open.</source>
        <translation>要打开的检查点文件夹或会话文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text file for perplexity.</source>
        <translation>用于计算困惑度的文本文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Matrix to show, e.g. h.0.mlp.c_fc.</source>
        <translation>要显示的矩阵，例如 h.0.mlp.c_fc。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start without opening a model.</source>
        <translation>启动时不打开模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a screenshot of the window once the model is open, then quit.</source>
        <translation>模型打开后保存窗口截图，然后退出。</translation>
    </message>
</context>
</TS>
