<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/jobs/job_manager.cpp" line="+74"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location filename="../views/src/library_versions.cpp" line="+13"/>
        <source>%1 (runtime %2)</source>
        <translation>%1 (zur Laufzeit %2)</translation>
    </message>
    <message>
        <location filename="../views/src/plot_layout.cpp" line="+355"/>
        <source>size %1 x %2 at %3 dpi is out of range</source>
        <translation>Größe %1 x %2 bei %3 dpi liegt außerhalb des zulässigen Bereichs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown figure format &apos;.%1&apos; (use .png, .pdf or .svg)</source>
        <translation>unbekanntes Abbildungsformat „.%1“ (.png, .pdf oder .svg verwenden)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location filename="../views/src/save_file.cpp" line="+36"/>
        <source>could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../views/src/save_file.cpp" line="-18"/>
        <source>%1: is a folder, not a file</source>
        <translation>%1: ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: cannot create a temporary file (%2)</source>
        <translation>%1: Temporäre Datei kann nicht angelegt werden (%2)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: cannot replace it (%2)</source>
        <translation>%1: kann nicht ersetzt werden (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="+55"/>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <location filename="../app/gui/widgets/data_export.cpp" line="+52"/>
        <source>Export data (.npy, .csv, .safetensors)…</source>
        <translation>Daten exportieren (.npy, .csv, .safetensors)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+13"/>
        <location line="+4"/>
        <source>Export data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>NumPy (*.npy);;CSV (*.csv);;safetensors (*.safetensors)</source>
        <translation>NumPy (*.npy);;CSV (*.csv);;safetensors (*.safetensors)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export data (.csv)…</source>
        <translation>Daten exportieren (.csv)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: the view shows no data</source>
        <translation>%1: die Ansicht zeigt keine Daten</translation>
    </message>
</context>
<context>
    <name>kronscope::app::AboutDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/widgets/about_dialog.cpp" line="+20"/>
        <source>available, %n device(s)</source>
        <translation>
            <numerusform>verfügbar, %n Gerät</numerusform>
            <numerusform>verfügbar, %n Geräte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not available (this LibTorch build is CPU only or no GPU is visible)</source>
        <translation>nicht verfügbar (dieser LibTorch-Build unterstützt nur die CPU oder es ist keine GPU sichtbar)</translation>
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
CUDA: %7
CPU-Threads: %8</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not built in</source>
        <translation>nicht eingebaut</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About Kronscope</source>
        <translation>Über Kronscope</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;h2&gt;Kronscope&lt;/h2&gt;&lt;p&gt;Looks for algebraic structure (complex, quaternion, Clifford, Kronecker-factored) in the weights of trained transformers.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kronscope&lt;/h2&gt;&lt;p&gt;Sucht nach algebraischer Struktur (komplex, quaternionisch, Clifford, Kronecker-faktorisiert) in den Gewichten trainierter Transformer.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy versions</source>
        <translation>Versionen kopieren</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ClusterButtons</name>
    <message>
        <location filename="../app/gui/widgets/cluster_buttons.cpp" line="+12"/>
        <source>Run on a cluster…</source>
        <translation>Auf einem Cluster ausführen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write a Slurm job array that runs %1 in shards, and the merge job after it</source>
        <translation>Ein Slurm-Job-Array schreiben, das %1 in Teilen rechnet, und den Merge-Job danach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import results…</source>
        <translation>Ergebnisse importieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge a folder of shard files (a cluster run) into the view</source>
        <translation>Einen Ordner mit Teildateien (einen Cluster-Lauf) in die Ansicht zusammenführen</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ClusterDialog</name>
    <message>
        <location filename="../app/gui/widgets/cluster_dialog.cpp" line="+18"/>
        <source>Run on a cluster</source>
        <translation>Auf einem Cluster ausführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writes a Slurm job array: task I runs shard I of N of this sweep (the cells k with k mod N = I), and a merge job that waits for all of them (afterok) and writes result.md and result.json. Import results… reads the folder back.</source>
        <translation>Schreibt ein Slurm-Job-Array: Aufgabe I rechnet Teil I von N dieses Sweeps (die Zellen k mit k mod N = I), und einen Merge-Job, der auf alle wartet (afterok) und result.md und result.json schreibt. „Ergebnisse importieren…“ liest den Ordner zurück.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shards (array tasks)</source>
        <translation>Teile (Array-Aufgaben)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the cluster&apos;s default</source>
        <translation>Standard des Clusters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With GPUs the tasks run with --device cuda</source>
        <translation>Mit GPUs laufen die Aufgaben mit --device cuda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPUs per task</source>
        <translation>GPUs pro Aufgabe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPUs per task</source>
        <translation>CPUs pro Aufgabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 02:00:00</source>
        <translation>z. B. 02:00:00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Job folder</source>
        <translation>Job-Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit now with sbatch (this machine must be a Slurm login node)</source>
        <translation>Jetzt mit sbatch abschicken (dieser Rechner muss ein Slurm-Login-Knoten sein)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the job</source>
        <translation>Job schreiben</translation>
    </message>
</context>
<context>
    <name>kronscope::app::CompressionPanel</name>
    <message>
        <location filename="../app/gui/pages/compression_panel.cpp" line="+51"/>
        <source>Tensor statistics</source>
        <translation>Tensorstatistik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantize (int-k + zstd)</source>
        <translation>Quantisieren (int-k + zstd)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pruning × int-k sweep</source>
        <translation>Pruning × int-k-Sweep</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Procrustes (two matrices)</source>
        <translation>Procrustes (zwei Matrizen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mean, std, excess kurtosis, max |w| and the share beyond 6 std for every tensor (c_attn also as Q, K, V), ranked, and as a layer × kind heatmap.</source>
        <translation>Mittelwert, Std, Exzess-Kurtosis, max |w| und der Anteil jenseits von 6 Std für jeden Tensor (c_attn auch als Q, K, V), sortiert, und als Heatmap Schicht × Art.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare with another checkpoint…</source>
        <translation>Mit anderem Checkpoint vergleichen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File &gt; Compare with…: Procrustes of every matrix of both checkpoints beside its nulls, and their statistics side by side.</source>
        <translation>Datei &gt; Vergleichen mit…: Procrustes jeder Matrix beider Checkpoints neben ihren Nullmodellen, und ihre Statistiken nebeneinander.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bits k</source>
        <translation>Bits k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip search (GPTQ-lite)</source>
        <translation>Clip-Suche (GPTQ-lite)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. last:2/k</source>
        <translation>z. B. last:2/k</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept in float16: unit names (h.7.attn.c_attn.k, wte) or kinds (q, k, v, c_attn, attn.c_proj, c_fc, mlp.c_proj, wte, wpe), optionally after layers:A-B/ or last:N/, joined by commas.</source>
        <translation>In float16 behalten: Einheitennamen (h.7.attn.c_attn.k, wte) oder Arten (q, k, v, c_attn, attn.c_proj, c_fc, mlp.c_proj, wte, wpe), optional nach layers:A-B/ oder last:N/, durch Kommas getrennt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Protect</source>
        <translation>Schützen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The wte rows with the highest entropy of their int-k codes stay float16.</source>
        <translation>Die wte-Zeilen mit der höchsten Entropie ihrer int-k-Codes bleiben float16.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fp16 wte rows</source>
        <translation>fp16-wte-Zeilen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prune first</source>
        <translation>Vorher prunen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>zstd level</source>
        <translation>zstd-Stufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Measure perplexity</source>
        <translation>Perplexität messen</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>On the Perplexity page&apos;s text and window.</source>
        <translation>Auf Text und Fenster der Seite Perplexität.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Damage ranking</source>
        <translation>Schadensrangfolge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One perplexity per unit, with only that unit quantized.</source>
        <translation>Eine Perplexität je Einheit, nur diese Einheit quantisiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>optional .ksq file</source>
        <translation>optionale .ksq-Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Artifact file</source>
        <translation>Artefaktdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronscope quantized artifact (*.ksq)</source>
        <translation>Quantisiertes Kronscope-Artefakt (*.ksq)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Artifact</source>
        <translation>Artefakt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Prune (%)</source>
        <translation>Pruning (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip search</source>
        <translation>Clip-Suche</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Protection and zstd level come from the Quantize settings.</source>
        <translation>Schutz und zstd-Stufe kommen aus den Quantisierungseinstellungen.</translation>
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
        <translation>rechts (A R ≈ B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left (R A ≈ B)</source>
        <translation>links (R A ≈ B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right: R acts on the columns (p × p); left: on the rows (m × m).</source>
        <translation>rechts: R wirkt auf die Spalten (p × p); links: auf die Zeilen (m × m).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Null draws</source>
        <translation>Null-Ziehungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>auto (a quarter of R)</source>
        <translation>automatisch (ein Viertel von R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low-rank rank</source>
        <translation>Rang (Niedrigrang)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low-rank share and transport bytes</source>
        <translation>Niedrigrang-Anteil und Transport-Bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs the full rotation R (p × p for side right): slow for wide matrices.</source>
        <translation>Braucht die volle Rotation R (p × p für rechts): langsam bei breiten Matrizen.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::CompressionView</name>
    <message>
        <location filename="../app/gui/results/compression_view.cpp" line="+55"/>
        <source>undefined (A = B)</source>
        <translation>undefiniert (A = B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>equals the null</source>
        <translation>gleich dem Nullmodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>above the null by %1</source>
        <translation>über dem Nullmodell um %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>below the null</source>
        <translation>unter dem Nullmodell</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+334"/>
        <source>Damage ranking</source>
        <translation>Schadensrangfolge</translation>
    </message>
    <message>
        <location line="-333"/>
        <location line="+335"/>
        <source>Pruning × int-k</source>
        <translation>Pruning × int-k</translation>
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
        <translation>Vergleich</translation>
    </message>
    <message>
        <location line="-329"/>
        <location line="+61"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+104"/>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <location line="-104"/>
        <location line="+48"/>
        <location line="+37"/>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Std</source>
        <translation>Std</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kurtosis</source>
        <translation>Kurtosis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max |w|</source>
        <translation>Max |w|</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outliers &gt; 6 std</source>
        <translation>Ausreißer &gt; 6 Std</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>excess kurtosis</source>
        <translation>Exzess-Kurtosis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>std</source>
        <translation>Std</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max |w|</source>
        <translation>max |w|</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outlier share</source>
        <translation>Ausreißeranteil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List 1-D tensors (biases, LayerNorms)</source>
        <translation>1-D-Tensoren auflisten (Biases, LayerNorms)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Their few entries make kurtosis noisy; the JSON and exports always hold every tensor.</source>
        <translation>Ihre wenigen Einträge machen die Kurtosis verrauscht; JSON und Exporte enthalten immer jeden Tensor.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Heatmap of</source>
        <translation>Heatmap von</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+29"/>
        <source>Bytes (zstd)</source>
        <translation>Bytes (zstd)</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>% of fp16</source>
        <translation>% von fp16</translation>
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
        <translation>Rel. MSE</translation>
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
        <translation>PPL unquantisiert</translation>
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
        <translation>Bewertete Tokens</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>Modell-Hash</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Storage</source>
        <translation>Speicherung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pruned</source>
        <translation>Gepruned</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Prune %</source>
        <translation>Pruning %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bits</source>
        <translation>Bits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Δ bytes vs p = 0</source>
        <translation>Δ Bytes gegenüber p = 0</translation>
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
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+15"/>
        <source>Reduction</source>
        <translation>Reduktion</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Gaussian null</source>
        <translation>Gauß-Nullmodell</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Permuted null</source>
        <translation>Permutations-Nullmodell</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Low-rank share</source>
        <translation>Niedrigrang-Anteil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Haar null</source>
        <translation>Haar-Nullmodell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transport bytes</source>
        <translation>Transport-Bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain bytes</source>
        <translation>Einfache Bytes</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Std A</source>
        <translation>Std A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Std B</source>
        <translation>Std B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kurtosis A</source>
        <translation>Kurtosis A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kurtosis B</source>
        <translation>Kurtosis B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max |w| A</source>
        <translation>Max |w| A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max |w| B</source>
        <translation>Max |w| B</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attention Q K V O (c_proj) · MLP fc, proj</source>
        <translation>Attention Q K V O (c_proj) · MLP fc, proj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 per layer and matrix</source>
        <translation>%1 je Schicht und Matrix</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ranked by %1 (click a header to sort by another column). %2; model %3.</source>
        <translation>Sortiert nach %1 (Spaltenkopf anklicken, um anders zu sortieren). %2; Modell %3.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Bytes: one zstd frame of the int-k codes (int8) and float16 per-row scales of every 2-D tensor and the float16 1-D tensors, in key order (science.md). Units of run %1 shown; 1-D tensors are float16.</source>
        <translation>Bytes: ein zstd-Frame der int-k-Codes (int8) und float16-Zeilenskalen jedes 2-D-Tensors und der float16-1-D-Tensoren, in Schlüsselreihenfolge (science.md). Einheiten von Lauf %1 gezeigt; 1-D-Tensoren sind float16.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Δ PPL, only this unit quantized</source>
        <translation>Δ PPL, nur diese Einheit quantisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage ranking (top %1)</source>
        <translation>Schadensrangfolge (Top %1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ perplexity</source>
        <translation>Δ Perplexität</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; unquantized PPL %1 on %2</source>
        <translation>; PPL unquantisiert %1 auf %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pruning × int-k: artifact bytes and perplexity%1</source>
        <translation>Pruning × int-k: Artefakt-Bytes und Perplexität%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+66"/>
        <source> (incomplete: cancelled)</source>
        <translation> (unvollständig: abgebrochen)</translation>
    </message>
    <message>
        <location line="-49"/>
        <source> (other checkpoint)</source>
        <translation> (anderer Checkpoint)</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+33"/>
        <source>MSE reduction</source>
        <translation>MSE-Reduktion</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+33"/>
        <source>Gaussian null (mean ± 2 std)</source>
        <translation>Gauß-Nullmodell (Mittel ± 2 Std)</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Procrustes MSE reduction beside its null</source>
        <translation>Procrustes-MSE-Reduktion neben ihrem Nullmodell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 - ||AR - B||² / ||A - B||²</source>
        <translation>1 - ||AR - B||² / ||A - B||²</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two independent Gaussian matrices of the same shape already give most of the reduction (0.917 at 512 × 1536): a reduction means rotational structure only where it exceeds the null. %1</source>
        <translation>Zwei unabhängige Gauß-Matrizen derselben Form liefern schon den Großteil der Reduktion (0,917 bei 512 × 1536): eine Reduktion zeigt Rotationsstruktur nur, wo sie das Nullmodell übersteigt. %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cross-checkpoint Procrustes%1</source>
        <translation>Procrustes zwischen Checkpoints%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reduction</source>
        <translation>Reduktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A = %1, B = %2</source>
        <translation>A = %1, B = %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (hashes %1, %2); </source>
        <translation> (Hashes %1, %2); </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Statistics heatmap</source>
        <translation>Statistik-Heatmap</translation>
    </message>
</context>
<context>
    <name>kronscope::app::DecompositionPanel</name>
    <message>
        <location filename="../app/gui/pages/decomposition_panel.cpp" line="+15"/>
        <location line="+48"/>
        <source>Select a matrix in the Model panel.</source>
        <translation>Wählen Sie im Bereich „Modell“ eine Matrix aus.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Kronecker sum (Van Loan-Pitsianis)</source>
        <translation>Kronecker-Summe (Van Loan-Pitsianis)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Truncated SVD (matched parameters)</source>
        <translation>Abgeschnittene SVD (gleiche Parameterzahl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Block size n: A_k is n × n (small factor first), S_k the rest; r = n terms. Only sizes that divide both dimensions are offered.</source>
        <translation>Blockgröße n: A_k ist n × n (kleiner Faktor zuerst), S_k der Rest; r = n Terme. Angeboten werden nur Größen, die beide Dimensionen teilen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size n</source>
        <translation>Blockgröße n</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>n (seed convention)</source>
        <translation>n (Seed-Konvention)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms r</source>
        <translation>Terme r</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>small factor first (A_k n × n)</source>
        <translation>kleiner Faktor zuerst (A_k n × n)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor second (n × n tiles)</source>
        <translation>kleiner Faktor zuletzt (n × n-Kacheln)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor order</source>
        <translation>Faktorreihenfolge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frobenius rescaling (seed 003)</source>
        <translation>Frobenius-Reskalierung (Seed 003)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gaussian matrices of the same shape fitted the same way: the error shown beside the null.</source>
        <translation>Gaußsche Matrizen gleicher Form, auf dieselbe Weise angepasst: der neben dem Nullmodell angezeigte Fehler.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Null draws</source>
        <translation>Nullmodell-Stichproben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decompose selected matrix</source>
        <translation>Ausgewählte Matrix zerlegen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 × %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 × %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;br&gt;No block size divides both dimensions.</source>
        <translation>&lt;br&gt;Keine Blockgröße teilt beide Dimensionen.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::DecompositionView</name>
    <message>
        <location filename="../app/gui/results/decomposition_view.cpp" line="+18"/>
        <source>Decompose a matrix from the Decomposition panel to see its fit, error, spectra and factors.</source>
        <translation>Zerlegen Sie eine Matrix im Bereich „Zerlegung“, um Anpassung, Fehler, Spektren und Faktoren zu sehen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kronecker factors</source>
        <translation>Kronecker-Faktoren</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2 × %3): %4&lt;br&gt;relative error &lt;b&gt;%5&lt;/b&gt; — %6; ratio to null %7, z = %8&lt;br&gt;%9 parameters instead of %10 (%11%)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2 × %3): %4&lt;br&gt;relativer Fehler &lt;b&gt;%5&lt;/b&gt; — %6; Verhältnis zum Nullmodell %7, z = %8&lt;br&gt;%9 Parameter statt %10 (%11 %)</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+6"/>
        <source>%1; ratio %2, z = %3</source>
        <translation>%1; Verhältnis %2, z = %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, %2; model %3; rel. error %4 (%5)</source>
        <translation>%1, %2; Modell %3; rel. Fehler %4 (%5)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Kronecker n=%1</source>
        <translation>Kronecker n=%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD rank %1</source>
        <translation>SVD Rang %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fit: %1</source>
        <translation>Anpassung: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error W − fit (rel. %1)</source>
        <translation>Fehler W − Anpassung (rel. %1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>error</source>
        <translation>Fehler</translation>
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
        <translation>Spektren von W und R(W)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spectrum of W</source>
        <translation>Spektrum von W</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(SVD has no Kronecker factors)</source>
        <translation>(SVD hat keine Kronecker-Faktoren)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A_%1 (%2 × %3)</source>
        <translation>A_%1 (%2 × %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>S_%1 (%2 × %3)</source>
        <translation>S_%1 (%2 × %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>σ_%1 of R(W) = %2</source>
        <translation>σ_%1 von R(W) = %2</translation>
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
        <translation>CUDA-Gerät %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CUDA (not available)</source>
        <translation>CUDA (nicht verfügbar)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This LibTorch build has no CUDA support or no GPU is visible. Build against the CUDA LibTorch to use a GPU (see README).</source>
        <translation>Dieser LibTorch-Build hat keine CUDA-Unterstützung oder es ist keine GPU sichtbar. Bauen Sie gegen die CUDA-LibTorch, um eine GPU zu nutzen (siehe README).</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ExportDialog</name>
    <message>
        <location filename="../app/gui/widgets/export_dialog.cpp" line="+17"/>
        <location line="+29"/>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Plot</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File (.png, .pdf, .svg)</source>
        <translation>Datei (.png, .pdf, .svg)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Width (px)</source>
        <translation>Breite (px)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height (px)</source>
        <translation>Höhe (px)</translation>
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
        <translation>Prompt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New tokens</source>
        <translation>Neue Tokens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>greedy</source>
        <translation>greedy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sample (top-k 40)</source>
        <translation>Stichprobe (Top-k 40)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoding</source>
        <translation>Dekodierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Surgery</source>
        <translation>Chirurgie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size</source>
        <translation>Blockgröße</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate both</source>
        <translation>Beide generieren</translation>
    </message>
</context>
<context>
    <name>kronscope::app::GenerationView</name>
    <message>
        <location filename="../app/gui/results/generation_view.cpp" line="+12"/>
        <source>&lt;b&gt;Unmodified model&lt;/b&gt;</source>
        <translation>&lt;b&gt;Unverändertes Modell&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;After surgery&lt;/b&gt;</source>
        <translation>&lt;b&gt;Nach der Chirurgie&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Generate on the Generation page: the same prompt, the unmodified model beside the surgered one.</source>
        <translation>Auf der Seite Generierung erzeugen: derselbe Prompt, das unveränderte Modell neben dem operierten.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;b&gt;After %1&lt;/b&gt; (mean rel. error %2)</source>
        <translation>&lt;b&gt;Nach %1&lt;/b&gt; (mittlerer rel. Fehler %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 new tokens, %2, seed %3; model %4.</source>
        <translation>%1 neue Tokens, %2, Seed %3; Modell %4.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>top-k %1 sampling at temperature %2</source>
        <translation>Top-k-%1-Stichprobe bei Temperatur %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>greedy</source>
        <translation>greedy</translation>
    </message>
</context>
<context>
    <name>kronscope::app::HealingPanel</name>
    <message>
        <location filename="../app/gui/pages/healing_panel.cpp" line="+28"/>
        <source>none (control: fine-tune the unmodified model)</source>
        <translation>keine (Kontrolle: das unveränderte Modell feinjustieren)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Surgery</source>
        <translation>Eingriff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size n</source>
        <translation>Blockgröße n</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fit (Van Loan-Pitsianis / SVD)</source>
        <translation>Anpassung (Van Loan-Pitsianis / SVD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random (same shapes)</source>
        <translation>zufällig (gleiche Formen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prune (fit of W at 50% magnitude pruning)</source>
        <translation>Pruning (Anpassung von W nach 50 % Betrags-Pruning)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initialization</source>
        <translation>Initialisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also train the weights the surgery left</source>
        <translation>Auch die vom Eingriff belassenen Gewichte trainieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weight w of the distillation term: (1 - w) LM loss + w tau² KL(unmodified || healed)</source>
        <translation>Gewicht w des Destillationsterms: (1 - w) LM-Verlust + w tau² KL(unverändert || geheilt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distillation w</source>
        <translation>Destillation w</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Temperature tau</source>
        <translation>Temperatur tau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Brown corpus (PPL on its validation split)</source>
        <translation>Brown-Korpus (PPL auf seinem Validierungsteil)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Perplexity page&apos;s text (last 10% held out)</source>
        <translation>Der Text der Perplexitätsseite (letzte 10 % zurückgehalten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corpus</source>
        <translation>Korpus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Windows per step</source>
        <translation>Fenster pro Schritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context (tokens)</source>
        <translation>Kontext (Token)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none: keep the result in the session only</source>
        <translation>keiner: Ergebnis nur in der Sitzung behalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The healed model goes to this folder (dense export + factors + heal_log.json). While it trains, its state is saved there at every evaluation and on Cancel, so Resume… continues an interrupted run exactly.</source>
        <translation>Das geheilte Modell wird in diesen Ordner geschrieben (dichter Export + Faktoren + heal_log.json). Während des Trainings wird sein Zustand dort bei jeder Auswertung und beim Abbrechen gespeichert, sodass „Fortsetzen…“ einen unterbrochenen Lauf exakt fortsetzt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder for the healed model</source>
        <translation>Ordner für das geheilte Modell</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Heal</source>
        <translation>Heilen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume…</source>
        <translation>Fortsetzen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue an interrupted healing run (its folder holds heal_state.pt) with its own settings, model and corpus</source>
        <translation>Einen unterbrochenen Heilungslauf (sein Ordner enthält heal_state.pt) mit seinen eigenen Einstellungen, Modell und Korpus fortsetzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replaces the targeted matrices by their factors and trains the factors (the same budget for every run); the held-out perplexity before surgery, after it and while healing is plotted per run. A surgery sweep row&apos;s context menu has Heal… too.</source>
        <translation>Ersetzt die Zielmatrizen durch ihre Faktoren und trainiert die Faktoren (gleiches Budget für jeden Lauf); die Perplexität auf dem zurückgehaltenen Text vor dem Eingriff, danach und während des Heilens wird je Lauf gezeichnet. Auch das Kontextmenü einer Zeile des Eingriffs-Sweeps bietet „Heilen…“.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>choose a text file on the Perplexity page first</source>
        <translation>zuerst auf der Perplexitätsseite eine Textdatei wählen</translation>
    </message>
</context>
<context>
    <name>kronscope::app::HealingView</name>
    <message>
        <location filename="../app/gui/results/healing_view.cpp" line="+17"/>
        <source>control (no surgery)</source>
        <translation>Kontrolle (kein Eingriff)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Init</source>
        <translation>Init.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Params (model)</source>
        <translation>Parameter (Modell)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replaced: factors</source>
        <translation>Ersetzt: Faktoren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaced: dense</source>
        <translation>Ersetzt: dicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL original</source>
        <translation>PPL original</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL after surgery</source>
        <translation>PPL nach Eingriff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL healed</source>
        <translation>PPL geheilt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps/s</source>
        <translation>Schritte/s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Held-out text</source>
        <translation>Zurückgehaltener Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>Modell-Hash</translation>
    </message>
    <message>
        <location line="+33"/>
        <source> (running)</source>
        <translation> (läuft)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unmodified model: PPL %1</source>
        <translation>unverändertes Modell: PPL %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held-out perplexity while healing</source>
        <translation>Perplexität auf zurückgehaltenem Text während des Heilens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>training step</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity (log scale)</source>
        <translation>Perplexität (log. Skala)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none (control)</source>
        <translation>keine (Kontrolle)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2 (stopped)</source>
        <translation>%1 von %2 (angehalten)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Heal a surgered model from the Healing page (or a surgery sweep row&apos;s context menu): its factors train, and the held-out perplexity is drawn here.</source>
        <translation>Ein operiertes Modell auf der Heilungsseite heilen (oder über das Kontextmenü einer Sweep-Zeile): seine Faktoren trainieren, und die Perplexität auf dem zurückgehaltenen Text wird hier gezeichnet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; PPL = exp(mean NLL) over %1 held-out tokens (windows of %2, stride %3); trained on %4</source>
        <translation>; PPL = exp(mittlere NLL) über %1 zurückgehaltene Token (Fenster von %2, Schritt %3); trainiert auf %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>. Stopped at step %1 of %2: its state is in %3; Resume… on the Healing page continues it</source>
        <translation>. Angehalten bei Schritt %1 von %2: sein Zustand liegt in %3; „Fortsetzen…“ auf der Seite Heilung setzt ihn fort</translation>
    </message>
</context>
<context>
    <name>kronscope::app::JobsPanel</name>
    <message>
        <location filename="../app/gui/jobs/jobs_panel.cpp" line="+19"/>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1%</source>
        <translation>%1 %</translation>
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
        <translation>&lt;h2&gt;Kronscope&lt;/h2&gt;&lt;p&gt;Kronecker- und SVD-Strukturanalyse von GPT-2-Gewichten.&lt;/p&gt;&lt;p&gt;Öffnen Sie einen Checkpoint-Ordner (config.json + model.safetensors) über &lt;b&gt;Datei &amp;gt; Checkpoint öffnen…&lt;/b&gt;, ziehen Sie ihn auf dieses Fenster oder wählen Sie ein Modell unter &lt;b&gt;Datei &amp;gt; Hugging-Face-Cache&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Wählen Sie im Bereich &lt;b&gt;Modell&lt;/b&gt; eine Matrix aus, um ihre Gewichte zu sehen; messen Sie die Perplexität im Bereich &lt;b&gt;Perplexität&lt;/b&gt;. Aufträge laufen im Hintergrund und lassen sich im Bereich &lt;b&gt;Aufträge&lt;/b&gt; abbrechen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/gui/reactions/export_reaction.cpp" line="+43"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decomposition</source>
        <translation>Zerlegung</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+46"/>
        <location filename="../app/gui/reactions/sweep_reaction.cpp" line="+37"/>
        <source>Surgery sweep</source>
        <translation>Gewichtschirurgie-Sweep</translation>
    </message>
    <message>
        <location line="-44"/>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="+68"/>
        <source>Structure landscape</source>
        <translation>Strukturlandschaft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Structure probes</source>
        <translation>Struktursonden</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/probe_reactions.cpp" line="+65"/>
        <source>Toy model</source>
        <translation>Spielzeugmodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/compression_reaction.cpp" line="+136"/>
        <source>Compression</source>
        <translation>Kompression</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/mechanism_reaction.cpp" line="+40"/>
        <source>Mechanism</source>
        <translation>Mechanismus</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/gui/reactions/mechanism_reaction.cpp" line="+29"/>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/gui/reactions/reproduce_reaction.cpp" line="+54"/>
        <location line="+84"/>
        <location line="+19"/>
        <source>Reproduce</source>
        <translation>Reproduzieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="-46"/>
        <location line="+12"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="-10"/>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="+4"/>
        <source>Text</source>
        <translation>Text</translation>
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
        <translation>Bewertete Tokens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>Modell-Hash</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ready. CUDA devices: %1</source>
        <translation>Bereit. CUDA-Geräte: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready. Device: CPU (no CUDA available)</source>
        <translation>Bereit. Gerät: CPU (kein CUDA verfügbar)</translation>
    </message>
    <message>
        <location line="+46"/>
        <location filename="../app/gui/reactions/modular_reaction.cpp" line="+50"/>
        <location line="+34"/>
        <location line="+20"/>
        <source>Modular arithmetic</source>
        <translation>Modulare Arithmetik</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Perplexity: text and window</source>
        <translation>Perplexität: Text und Fenster</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decomposition of one matrix</source>
        <translation>Zerlegung einer Matrix</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Structure map (3D landscape)</source>
        <translation>Strukturkarte (3D-Landschaft)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Structure probes (with null models)</source>
        <translation>Struktursonden (mit Nullmodellen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Toy superposition model</source>
        <translation>Superpositions-Spielzeugmodell</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+33"/>
        <source>Compression (seed 001)</source>
        <translation>Kompression (Seed 001)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="-41"/>
        <location filename="../app/gui/reactions/heal_reaction.cpp" line="+40"/>
        <location line="+23"/>
        <location line="+36"/>
        <source>Healing</source>
        <translation>Heilung</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+4"/>
        <source>Mechanism (seed 000)</source>
        <translation>Mechanismus (Seed 000)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generation after surgery</source>
        <translation>Generierung nach Chirurgie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Healing after surgery</source>
        <translation>Heilung nach dem Eingriff</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Modular arithmetic (seed 002)</source>
        <translation>Modulare Arithmetik (seed 002)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Heal this row…</source>
        <translation>Diese Zeile heilen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+52"/>
        <source>This result belongs to another model (content hash %1): open that model to inspect %2</source>
        <translation>Dieses Ergebnis gehört zu einem anderen Modell (Inhalts-Hash %1): öffnen Sie dieses Modell, um %2 zu untersuchen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Selected %1 (block size %2): decompose it on the Decomposition page</source>
        <translation>%1 ausgewählt (Blockgröße %2): auf der Seite „Zerlegung“ zerlegen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Selected %1 (block size %2)</source>
        <translation>%1 ausgewählt (Blockgröße %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Experiment</source>
        <translation>Experiment</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_jobs.cpp" line="+16"/>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show or hide the Jobs panel (every job with its progress, time left and Cancel)</source>
        <translation>Aufgabenbereich ein- oder ausblenden (jede Aufgabe mit Fortschritt, Restzeit und Abbrechen)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Jobs: idle</source>
        <translation>Aufgaben: keine aktiv</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Jobs: %n running</source>
        <translation>
            <numerusform>Aufgaben: %n aktiv</numerusform>
            <numerusform>Aufgaben: %n aktiv</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+29"/>
        <source>Export &amp;Report (HTML, PDF)…</source>
        <translation>&amp;Bericht exportieren (HTML, PDF)…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Checkpoint…</source>
        <translation>Checkpoint ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open Checkpoint &amp;File…</source>
        <translation>Checkpoint-&amp;Datei öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Model as Safe&amp;tensors…</source>
        <translation>Modell als Safe&amp;tensors speichern…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Session…</source>
        <translation>&amp;Sitzung öffnen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Session</source>
        <translation>Sitzung s&amp;peichern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Session &amp;As…</source>
        <translation>Sitzung speichern &amp;unter…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Demo Model</source>
        <translation>&amp;Demo-Modell öffnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Compare with…</source>
        <translation>&amp;Vergleichen mit…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hugging Face Cache</source>
        <translation>&amp;Hugging-Face-Cache</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+31"/>
        <source>&amp;Reproduce</source>
        <translation>&amp;Reproduzieren</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+92"/>
        <source>Open a GPT-2 checkpoint folder (safetensors, pytorch_model.bin or nanoGPT&apos;s ckpt.pt)</source>
        <translation>GPT-2-Checkpoint-Ordner öffnen (safetensors, pytorch_model.bin oder nanoGPTs ckpt.pt)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a checkpoint file</source>
        <translation>Checkpoint-Datei öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkpoints (*.safetensors *.bin *.pt *.pth *.ckpt);;All files (*)</source>
        <translation>Checkpoints (*.safetensors *.bin *.pt *.pth *.ckpt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+22"/>
        <source>Save Model as Safetensors</source>
        <translation>Modell als Safetensors speichern</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>%1
read as %2.
Write its original weights as:</source>
        <translation>%1
gelesen als %2.
Originalgewichte schreiben als:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New checkpoint folder</source>
        <translation>Neuer Checkpoint-Ordner</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Convert to %1</source>
        <translation>Umwandeln nach %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrote %1 (%2, %3 MB, tokenizer: %4); content hash %5</source>
        <translation>%1 geschrieben (%2, %3 MB, Tokenizer: %4); Inhalts-Hash %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Compare with checkpoint</source>
        <translation>Mit Checkpoint vergleichen</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>training in progress</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <location line="-408"/>
        <source>Export &amp;Figure…</source>
        <translation>&amp;Abbildung exportieren…</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decompose and probe</source>
        <translation>Zerlegen und prüfen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Labs</source>
        <translation>Labore</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Export &amp;Table…</source>
        <translation>&amp;Tabelle exportieren…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Train a GPT-2…</source>
        <translation>GPT-2 &amp;trainieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training finished</source>
        <translation>Training abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the trained model %1?</source>
        <translation>Das trainierte Modell %1 öffnen?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Kronscope</source>
        <translation>Über &amp;Kronscope</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_labs.cpp" line="+18"/>
        <source>No example text: %1</source>
        <translation>Kein Beispieltext: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+115"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
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
        <translation>Checkpoint-Warnungen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>
(and %n more)</source>
        <translation>
            <numerusform>
(und %n weitere)</numerusform>
            <numerusform>
(und %n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1  (%2 × %3, stored [in, out])</source>
        <translation>%1  (%2 × %3, gespeichert als [in, out])</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/perplexity_reaction.cpp" line="+23"/>
        <source>Perplexity on %1</source>
        <translation>Perplexität auf %1</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/compression_reaction.cpp" line="-106"/>
        <source>choose a text file on the Perplexity page first (or untick &apos;Measure perplexity&apos;)</source>
        <translation>zuerst auf der Seite Perplexität eine Textdatei wählen (oder &apos;Perplexität messen&apos; abwählen)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tensor statistics</source>
        <translation>Tensorstatistik</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Quantize (%1)</source>
        <translation>Quantisieren (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <location filename="../app/gui/reactions/mechanism_reaction.cpp" line="-21"/>
        <location filename="../app/gui/reactions/perplexity_reaction.cpp" line="+2"/>
        <location filename="../app/gui/reactions/sweep_reaction.cpp" line="+27"/>
        <source>waiting for the model</source>
        <translation>wartet auf das Modell</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Pruning × int-k (%1 settings)</source>
        <translation>Pruning × int-k (%1 Einstellungen)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Procrustes %1 → %2</source>
        <translation>Procrustes %1 → %2</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Compare with %1</source>
        <translation>Vergleich mit %1</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/decomposition_reaction.cpp" line="+18"/>
        <source>Decompose %1 (%2 n=%3)</source>
        <translation>%1 zerlegen (%2 n=%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kronecker</source>
        <translation>Kronecker</translation>
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
        <translation>wählen Sie zuerst auf der Seite „Perplexität“ eine Textdatei</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Mechanism: %1</source>
        <translation>Mechanismus: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Generate (unmodified and %1 n=%2)</source>
        <translation>Generieren (unverändert und %1 n=%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/sweep_reaction.cpp" line="+19"/>
        <source>%1 on %2, max_length %3, stride %4</source>
        <translation>%1 auf %2, max_length %3, stride %4</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Surgery sweep (%1 steps)</source>
        <translation>Gewichtschirurgie-Sweep (%1 Schritte)</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/cluster_reaction.cpp" line="+63"/>
        <source>no modular model is open</source>
        <translation>kein Modulo-Modell geöffnet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>only the single-matrix scan runs on a cluster: choose the analysis &quot;Single-matrix scan&quot;</source>
        <translation>nur der Einzelmatrix-Scan läuft auf einem Cluster: wählen Sie die Analyse „Einzelmatrix-Scan“</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>open a model first</source>
        <translation>zuerst ein Modell öffnen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run on a cluster</source>
        <translation>Auf einem Cluster ausführen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wrote %1 (a job array of %2 shards: %3) and %4.</source>
        <translation>%1 geschrieben (ein Job-Array aus %2 Teilen: %3) und %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submitted array job %1 and merge job %2 (afterok). When it has run, Import results… reads %3.</source>
        <translation>Array-Job %1 und Merge-Job %2 (afterok) abgeschickt. Danach liest „Ergebnisse importieren…“ %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submit on the cluster with:
%1
then Import results… reads %2.</source>
        <translation>Auf dem Cluster abschicken mit:
%1
danach liest „Ergebnisse importieren…“ %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote the Slurm job in %1</source>
        <translation>Slurm-Job in %1 geschrieben</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder of a cluster run (its shards/)</source>
        <translation>Ordner eines Cluster-Laufs (mit shards/)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 · %2 · %3 · merged from %4 shard file(s)</source>
        <translation>%1 · %2 · %3 · aus %4 Teildatei(en) zusammengeführt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import results</source>
        <translation>Ergebnisse importieren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: no shard files (*.json) in it or in its shards/</source>
        <translation>%1: keine Teildateien (*.json) darin oder in shards/</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 of %2 cells have no shard result yet (cells %3): the result is incomplete. Rerun them with kronscope-cli slurm --only-missing.</source>
        <translation>%1 von %2 Zellen haben noch kein Teilergebnis (Zellen %3): das Ergebnis ist unvollständig. Mit kronscope-cli slurm --only-missing neu rechnen.</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>%1 on %2, max_length %3, stride %4; merged from %5 shard file(s)</source>
        <translation>%1 auf %2, max_length %3, stride %4; aus %5 Teildatei(en) zusammengeführt</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/structure_map_reaction.cpp" line="+20"/>
        <source>Structure map</source>
        <translation>Strukturkarte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Structure map (%1 block sizes)</source>
        <translation>Strukturkarte (%1 Blockgrößen)</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/probe_reactions.cpp" line="-40"/>
        <location line="+21"/>
        <source>Structure probe</source>
        <translation>Struktursonde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Probe %1 on %2</source>
        <translation>Sonde %1 auf %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a toy model is already training; wait for it or cancel it</source>
        <translation>ein Spielzeugmodell wird bereits trainiert; warten Sie darauf oder brechen Sie es ab</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Toy model: %n model(s)</source>
        <translation>
            <numerusform>Spielzeugmodell: %n Modell</numerusform>
            <numerusform>Spielzeugmodell: %n Modelle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Probes on toy W (%1)</source>
        <translation>Sonden auf Spielzeug-W (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/export_reaction.cpp" line="+32"/>
        <source>Export landscape</source>
        <translation>Landschaft exportieren</translation>
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
        <translation>Tabelle exportieren</translation>
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
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Perplexity sweep</source>
        <translation>Perplexitäts-Sweep</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>Anpassung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spectra</source>
        <translation>Spektren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor A_k</source>
        <translation>Faktor A_k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor S_k</source>
        <translation>Faktor S_k</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Healing curves</source>
        <translation>Heilungskurven</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+26"/>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+142"/>
        <source>Unsaved results</source>
        <translation>Nicht gespeicherte Ergebnisse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the session before closing?</source>
        <translation>Sitzung vor dem Schließen speichern?</translation>
    </message>
    <message>
        <location filename="../app/gui/session/main_window_session.cpp" line="-131"/>
        <location line="+138"/>
        <source>Save session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>Saved session %1</source>
        <translation>Sitzung %1 gespeichert</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1: the session state is not valid JSON</source>
        <translation>%1: der Sitzungszustand ist kein gültiges JSON</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+17"/>
        <location line="+22"/>
        <location line="+24"/>
        <location line="+54"/>
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>The checkpoint changed since the session was saved (content hash %1, now %2). Results shown are from the saved session.</source>
        <translation>Der Checkpoint hat sich seit dem Speichern der Sitzung geändert (Inhalts-Hash %1, jetzt %2). Die angezeigten Ergebnisse stammen aus der gespeicherten Sitzung.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The session&apos;s checkpoint was not found (%1). Its results are shown; open the checkpoint to compute more.</source>
        <translation>Der Checkpoint der Sitzung wurde nicht gefunden (%1). Ihre Ergebnisse werden angezeigt; öffnen Sie den Checkpoint, um weitere zu berechnen.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Opened session %1</source>
        <translation>Sitzung %1 geöffnet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kronscope sessions (*.kss *.h5)</source>
        <translation>Kronscope-Sitzungen (*.kss *.h5)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kronscope sessions (*.kss *.h5);;All files (*)</source>
        <translation>Kronscope-Sitzungen (*.kss *.h5);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Autosaved</source>
        <translation>Automatisch gespeichert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recover session</source>
        <translation>Sitzung wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronscope did not close cleanly last time. Recover the autosaved session (%1)?</source>
        <translation>Kronscope wurde beim letzten Mal nicht ordnungsgemäß beendet. Die automatisch gespeicherte Sitzung (%1) wiederherstellen?</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/modular_reaction.cpp" line="-80"/>
        <source>Open a modular-arithmetic model folder</source>
        <translation>Ordner eines Modells für modulare Arithmetik öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open modular model %1</source>
        <translation>Modulares Modell %1 öffnen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a modular model is already training; wait for it or cancel it</source>
        <translation>ein modulares Modell wird bereits trainiert; warten Sie darauf oder brechen Sie es ab</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Modular: train %1 (p = %2, %3 steps)</source>
        <translation>Modular: %1 trainieren (p = %2, %3 Schritte)</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Modular: search %n cell(s)</source>
        <translation>
            <numerusform>Modular: %n Zelle(n) durchsuchen</numerusform>
            <numerusform>Modular: %n Zelle(n) durchsuchen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Modular: analyze %1</source>
        <translation>Modular: %1 analysieren</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/heal_reaction.cpp" line="-73"/>
        <source>a model is already healing; wait for it or cancel it</source>
        <translation>ein Modell heilt bereits; darauf warten oder abbrechen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>control (no surgery)</source>
        <translation>Kontrolle (kein Eingriff)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder of an interrupted healing run</source>
        <translation>Ordner eines unterbrochenen Heilungslaufs</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 n=%2, %3 (resumed)</source>
        <translation>%1 n=%2, %3 (fortgesetzt)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Heal %1 (%2 steps)</source>
        <translation>%1 heilen (%2 Schritte)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the unmodified model&apos;s row has no surgery to heal</source>
        <translation>die Zeile des unveränderten Modells hat keinen Eingriff zum Heilen</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/report_reaction.cpp" line="-129"/>
        <location line="+75"/>
        <source>Kronscope report</source>
        <translation>Kronscope-Bericht</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronscope</source>
        <translation>Kronscope</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model format</source>
        <translation>Modellformat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model hash (FNV-1a 64)</source>
        <translation>Modell-Hash (FNV-1a 64)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 layers, d_model %2, %3 heads, context %4, vocabulary %5</source>
        <translation>%1 Schichten, d_model %2, %3 Köpfe, Kontext %4, Vokabular %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none open</source>
        <translation>keines geöffnet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>hash %1</source>
        <translation>Hash %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No results in this session yet.</source>
        <translation>Noch keine Ergebnisse in dieser Sitzung.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: choose a .html or .pdf file name</source>
        <translation>%1: wählen Sie einen Dateinamen mit .html oder .pdf</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+6"/>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/gui/reactions/reproduce_reaction.cpp" line="-136"/>
        <source>Seed 000 Experiment 3: surgery sweep</source>
        <translation>Seed 000, Experiment 3: Chirurgie-Durchlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 000: surgery by target (n = 16)</source>
        <translation>Seed 000: Chirurgie nach Ziel (n = 16)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 000: hybrid surgery (n = 16)</source>
        <translation>Seed 000: hybride Chirurgie (n = 16)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 000 mechanism: conditioning (n = 16)</source>
        <translation>Seed 000, Mechanismus: Konditionierung (n = 16)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed 000 mechanism: activation-weighted error (n = 16)</source>
        <translation>Seed 000, Mechanismus: aktivierungsgewichteter Fehler (n = 16)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed 001 finding 8: pruning × zstd</source>
        <translation>Seed 001, Befund 8: Pruning × zstd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed 002 Figure 7 and findings: the nanda model (positional embeddings, frequencies, ranks)</source>
        <translation>Seed 002, Abbildung 7 und Befunde: das nanda-Modell (Positionseinbettungen, Frequenzen, Ränge)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>open a GPT-2 checkpoint first (File &gt; Open Demo Model gives one)</source>
        <translation>öffnen Sie zuerst einen GPT-2-Checkpoint (Datei &gt; Demomodell öffnen liefert einen)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>the shipped nanda-p113 model is missing</source>
        <translation>das mitgelieferte Modell nanda-p113 fehlt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>unknown recipe &apos;%1&apos;</source>
        <translation>unbekanntes Rezept &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>kronscope::app::MechanismPanel</name>
    <message>
        <location filename="../app/gui/pages/mechanism_panel.cpp" line="+22"/>
        <source>Activation-weighted error</source>
        <translation>Aktivierungsgewichteter Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conditioning</source>
        <translation>Konditionierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nullspace noise</source>
        <translation>Nullraum-Rauschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Single-matrix scan</source>
        <translation>Einzelmatrix-Scan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error propagation</source>
        <translation>Fehlerausbreitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One block size n (the scan takes a list: 4,16).</source>
        <translation>Eine Blockgröße n (der Scan nimmt eine Liste: 4,16).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block size</source>
        <translation>Blockgröße</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan methods</source>
        <translation>Scan-Methoden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all, attn, mlp, layers:A-B, kinds:..., matrices:...; join with + for an intersection.</source>
        <translation>all, attn, mlp, layers:A-B, kinds:..., matrices:...; mit + verbinden für eine Schnittmenge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Noise eps</source>
        <translation>Rausch-eps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Noise seed</source>
        <translation>Rausch-Seed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run analysis</source>
        <translation>Analyse ausführen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this scan</source>
        <translation>diesen Scan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The single-matrix scan runs in shards on a cluster (the other analyses run here)</source>
        <translation>Der Einzelmatrix-Scan läuft in Teilen auf einem Cluster (die anderen Analysen laufen hier)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why Kronecker surgery beats SVD in perplexity while losing in every per-matrix error (seed 000). Uses the Perplexity page&apos;s text and window; activation error and propagation run non-overlapping windows of max_length.</source>
        <translation>Warum Kronecker-Chirurgie SVD in der Perplexität schlägt, obwohl sie bei jedem Matrixfehler verliert (Seed 000). Nutzt Text und Fenster der Seite Perplexität; Aktivierungsfehler und Ausbreitung laufen auf nicht überlappenden Fenstern der Länge max_length.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::MechanismView</name>
    <message>
        <location filename="../app/gui/results/mechanism_view.cpp" line="+41"/>
        <location line="+6"/>
        <location line="+16"/>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Kronecker act. err</source>
        <translation>Kronecker Akt.-Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD act. err</source>
        <translation>SVD Akt.-Fehler</translation>
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
        <translation>Kronecker-Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVD params</source>
        <translation>SVD-Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Winner (act.)</source>
        <translation>Sieger (Akt.)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+235"/>
        <source>Activation error</source>
        <translation>Aktivierungsfehler</translation>
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
        <translation>Rang W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rank W_kron</source>
        <translation>Rang W_kron</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rank W_svd</source>
        <translation>Rang W_svd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>of</source>
        <translation>von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eff. rank W</source>
        <translation>eff. Rang W</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eff. rank W_kron</source>
        <translation>eff. Rang W_kron</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eff. rank W_svd</source>
        <translation>eff. Rang W_svd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conditioning</source>
        <translation>Konditionierung</translation>
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
        <translation>Lückenverringerung (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+227"/>
        <source>Nullspace noise</source>
        <translation>Nullraum-Rauschen</translation>
    </message>
    <message>
        <location line="-223"/>
        <location line="+4"/>
        <source>Method</source>
        <translation>Methode</translation>
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
        <translation>Alle zugleich: PPL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All at once: Δ mean NLL</source>
        <translation>Alle zugleich: Δ mittlere NLL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sum of single Δ mean NLL</source>
        <translation>Summe einzelner Δ mittlere NLL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ratio</source>
        <translation>Verhältnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mean NLL</source>
        <translation>Mittlere NLL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ mean NLL</source>
        <translation>Δ mittlere NLL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Single-matrix scan</source>
        <translation>Einzelmatrix-Scan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rel. error</source>
        <translation>Rel. Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+216"/>
        <source>Error propagation</source>
        <translation>Fehlerausbreitung</translation>
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
        <translation>Fehler je Matrix: Frobenius neben aktivierungsgewichtet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>relative error</source>
        <translation>relativer Fehler</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kronecker wins (activation-weighted): %1; all %2/%3 (seed 000: 0/48). X: the inputs of each matrix over %4 positions. %5</source>
        <translation>Kronecker gewinnt (aktivierungsgewichtet): %1; insgesamt %2/%3 (Seed 000: 0/48). X: die Eingaben jeder Matrix über %4 Positionen. %5</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Median cond: W %1, Kronecker %2, SVD %3 (seed 000 at n = 16: 83.8 / 52.5 / 2.9e16). Median numerical rank %4 / %5 / %6. Full float64 SVDs, fits formed in float64. %7</source>
        <translation>Median cond: W %1, Kronecker %2, SVD %3 (Seed 000 bei n = 16: 83,8 / 52,5 / 2,9e16). Median numerischer Rang %4 / %5 / %6. Volle float64-SVDs, Fits in float64 gebildet. %7</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>W_svd + eps N_perp</source>
        <translation>W_svd + eps N_perp</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kronecker surgery</source>
        <translation>Kronecker-Chirurgie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD surgery</source>
        <translation>SVD-Chirurgie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unmodified</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nullspace noise on the SVD fits</source>
        <translation>Nullraum-Rauschen auf den SVD-Fits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>eps (noise norm / ||W − W_svd||)</source>
        <translation>eps (Rauschnorm / ||W − W_svd||)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The largest share of the SVD–Kronecker gap closed by noise outside the SVD&apos;s spaces: %1% (seed 000: at best 4%). %2</source>
        <translation>Der größte Anteil der SVD-Kronecker-Lücke, den Rauschen außerhalb der SVD-Räume schließt: %1% (Seed 000: höchstens 4%). %2</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+37"/>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gap PPL_svd − PPL_kron, one matrix at a time, n = %1 (&gt; 0: Kronecker better)</source>
        <translation>Lücke PPL_svd − PPL_kron, je eine Matrix, n = %1 (&gt; 0: Kronecker besser)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PPL gap</source>
        <translation>PPL-Lücke</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Baseline PPL %1. Kronecker better on %2 of %3 single-matrix surgeries at n = %4. Prefix reuse %5 (%6 GB). Additivity: the change of all at once beside the sum of single changes. %7</source>
        <translation>Basis-PPL %1. Kronecker besser bei %2 von %3 Einzelmatrix-Chirurgien bei n = %4. Präfix-Wiederverwendung %5 (%6 GB). Additivität: die Änderung aller zugleich neben der Summe der Einzeländerungen. %7</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (incomplete: cancelled)</source>
        <translation> (unvollständig: abgebrochen)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Residual-stream error after each block</source>
        <translation>Fehler des Residualstroms nach jedem Block</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖h′ − h‖ / ‖h‖ (log scale)</source>
        <translation>‖h′ − h‖ / ‖h‖ (log. Skala)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Per layer: the relative error and mean cosine of the surgered model&apos;s residual stream against the original&apos;s on the same windows. %1</source>
        <translation>Je Schicht: relativer Fehler und mittlerer Kosinus des Residualstroms des operierten Modells gegenüber dem des Originals auf denselben Fenstern. %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Scan gap map</source>
        <translation>Scan-Lückenkarte</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ModelBrowser</name>
    <message>
        <location filename="../app/gui/widgets/model_browser.cpp" line="+15"/>
        <source>No checkpoint open. File &gt; Open Checkpoint… or drop a checkpoint folder here.</source>
        <translation>Kein Checkpoint geöffnet. Datei &gt; Checkpoint öffnen… oder einen Checkpoint-Ordner hierher ziehen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shape (in × out)</source>
        <translation>Form (in × out)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No checkpoint open.</source>
        <translation>Kein Checkpoint geöffnet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2: %3 layers, n_embd %4, %5 heads, vocab %6, n_positions %7&lt;br&gt;Stored as %8 (%9 keys). %10 block matrices, %11 weights.&lt;br&gt;Format: %12</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2: %3 Schichten, n_embd %4, %5 Köpfe, Vokabular %6, n_positions %7&lt;br&gt;Gespeichert als %8 (%9 Schlüssel). %10 Blockmatrizen, %11 Gewichte.&lt;br&gt;Format: %12</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Layer %1</source>
        <translation>Schicht %1</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ModularPanel</name>
    <message>
        <location filename="../app/gui/pages/modular_panel.cpp" line="+50"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+157"/>
        <source>none open</source>
        <translation>keines geöffnet</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Shipped</source>
        <translation>Mitgeliefert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open modular model folder…</source>
        <translation>Ordner eines modularen Modells öffnen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Train (full batch, AdamW, Grokfast)</source>
        <translation>Training (Full Batch, AdamW, Grokfast)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nanda: (x0 + x1) mod p</source>
        <translation>nanda: (x0 + x1) mod p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>miiii: (x0 + x1 p) mod q, every prime q &lt; p</source>
        <translation>miiii: (x0 + x1 p) mod q, jede Primzahl q &lt; p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>basis: miiii&apos;s labels shuffled</source>
        <translation>basis: Labels von miiii gemischt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>masked: miiii without q = 2, 3, 5, 7</source>
        <translation>masked: miiii ohne q = 2, 3, 5, 7</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p (prime)</source>
        <translation>p (Primzahl)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluate every</source>
        <translation>Auswerten alle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grokfast alpha</source>
        <translation>Grokfast-Alpha</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 turns Grokfast off (plain AdamW).</source>
        <translation>0 schaltet Grokfast aus (reines AdamW).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grokfast lambda</source>
        <translation>Grokfast-Lambda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>d_model</source>
        <translation>d_model</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heads</source>
        <translation>Köpfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>output folder (required)</source>
        <translation>Ausgabeordner (erforderlich)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cells of the seed&apos;s Table 1 grid drawn (seeded); 0 runs all 384.</source>
        <translation>Anzahl der (mit Seed) gezogenen Zellen des Rasters aus Tabelle 1 von seed 002; 0 führt alle 384 aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search cells</source>
        <translation>Zellen durchsuchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Analyze the open model</source>
        <translation>Geöffnetes Modell analysieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All analyses</source>
        <translation>Alle Analysen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Neuron maps</source>
        <translation>Neuronenkarten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analyze</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seed 002: multi-task modular arithmetic, Grokfast and the Fourier analysis of a 1-layer transformer. The Structure probes page runs on the open modular model too (choose it there): the positive control for the probes.</source>
        <translation>Seed 002: modulare Arithmetik mit mehreren Aufgaben, Grokfast und die Fourier-Analyse eines Transformers mit 1 Schicht. Die Seite „Struktursonden“ läuft auch auf dem geöffneten modularen Modell (dort auswählen): die Positivkontrolle für die Sonden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Output folder for the modular model</source>
        <translation>Ausgabeordner für das modulare Modell</translation>
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
        <translation>Trainingsgenauigkeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val acc</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test acc</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Val loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Val acc &gt;= 0.99 at step</source>
        <translation>Validierungsgenauigkeit &gt;= 0.99 bei Schritt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Embeddings</source>
        <translation>Einbettungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fourier</source>
        <translation>Fourier</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <source>Neuron</source>
        <translation>Neuron</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variance</source>
        <translation>Varianz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top frequency (kx, ky)</source>
        <translation>Stärkste Frequenz (kx, ky)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Neurons</source>
        <translation>Neuronen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>attention of &quot;=&quot; to x0</source>
        <translation>Attention von &quot;=&quot; auf x0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attention of &quot;=&quot; to x1</source>
        <translation>Attention von &quot;=&quot; auf x1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed 002</source>
        <translation>Seed 002</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This model</source>
        <translation>Dieses Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed 002 vs this model</source>
        <translation>Seed 002 vs. dieses Modell</translation>
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
        <translation>Weight Decay</translation>
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
        <translation>Köpfe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mean val acc</source>
        <translation>Mittlere Validierungsgenauigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min val acc</source>
        <translation>Minimale Validierungsgenauigkeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tasks &gt;= 0.99</source>
        <translation>Aufgaben &gt;= 0.99</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All &gt;= 0.99 at step</source>
        <translation>Alle &gt;= 0.99 bei Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>val q=%1</source>
        <translation>Validierung q=%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train q=%1</source>
        <translation>Training q=%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>val, other q</source>
        <translation>Validierung, andere q</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Validation accuracy per task (log step axis)</source>
        <translation>Validierungsgenauigkeit je Aufgabe (logarithmische Schrittachse)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy per task: validation (solid), training (dashed)</source>
        <translation>Genauigkeit je Aufgabe: Validierung (durchgezogen), Training (gestrichelt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+290"/>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="-281"/>
        <source>Training… step %1; training objective %2, validation %3 (sum of CE_q / ln q).</source>
        <translation>Training… Schritt %1; Trainingsziel %2, Validierung %3 (Summe von CE_q / ln q).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 at step %2 of %3 in %4 s (%5 steps/s); written to %6. Loss: sum over tasks of CE_q / ln q; accuracy on the seeded split (30% train, 1,000 validation, the rest test).</source>
        <translation>%1 bei Schritt %2 von %3 in %4 s (%5 Schritte/s); geschrieben nach %6. Verlust: Summe von CE_q / ln q über die Aufgaben; Genauigkeit auf der per Seed festgelegten Aufteilung (30% Training, 1000 Validierung, der Rest Test).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (%2, hash %3)</source>
        <translation>%1 (%2, Hash %3)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Accuracy of %1 recomputed from its files on the split of seed %2%3.</source>
        <translation>Genauigkeit von %1, aus seinen Dateien neu berechnet auf der Aufteilung mit Seed %2%3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (no training_log.json: no curves)</source>
        <translation> (keine training_log.json: keine Kurven)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>head %1</source>
        <translation>Kopf %1</translation>
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
        <translation>Positionseinbettung: Pearson r = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dimension</source>
        <translation>Dimension</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>seed 002: r = 0.95 (nanda), -0.64 (miiii); %1</source>
        <translation>seed 002: r = 0.95 (nanda), -0.64 (miiii); %1</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>Frequency k</source>
        <translation>Frequenz k</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share in k&apos;s family</source>
        <translation>Anteil in der Familie von k</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>neuron %1 (variance %2, top frequency (%3, %4), %5% in k = %6)</source>
        <translation>Neuron %1 (Varianz %2, stärkste Frequenz (%3, %4), %5% in k = %6)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Post-ReLU activations of layer %1 at the &quot;=&quot; position over every pair (x0 rows, x1 columns), the %2 most variable neurons; right: |2D DFT| (constant term left out). %3% of the active neurons hold at least half of their energy in the family of one frequency k (k x0, k x1, k (x0 ± x1)).</source>
        <translation>Post-ReLU-Aktivierungen von Schicht %1 an der Position &quot;=&quot; über jedes Paar (Zeilen x0, Spalten x1), die %2 variabelsten Neuronen; rechts: |2D-DFT| (ohne konstanten Term). %3% der aktiven Neuronen tragen mindestens die Hälfte ihrer Energie in der Familie einer Frequenz k (k x0, k x1, k (x0 ± x1)).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>s_i</source>
        <translation>s_i</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>90%: rank %1</source>
        <translation>90%: Rang %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>50%: rank %1</source>
        <translation>50 %: Rang %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>W_E (%1 number tokens x d %2)</source>
        <translation>W_E (%1 Zahlentokens x d %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>singular value</source>
        <translation>Singulärwert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ranks where sum of s_i^2 reaches 50% and 90%; the &quot;=&quot; row is left out</source>
        <translation>Ränge, bei denen die Summe von s_i^2 50% und 90% erreicht; die Zeile &quot;=&quot; ist ausgelassen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>u_%1</source>
        <translation>u_%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Top singular vectors of W_E over the tokens x</source>
        <translation>Führende Singulärvektoren von W_E über die Tokens x</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>token x</source>
        <translation>Token x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1. Periodic singular vectors are the cos / sin lookup table of Nanda et al. (2023).</source>
        <translation>%1. Periodische Singulärvektoren sind die Nachschlagetabelle cos / sin von Nanda et al. (2023).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W_E: 50% of the variance within rank %1, 90% within %2</source>
        <translation>W_E: 50% der Varianz innerhalb von Rang %1, 90% innerhalb von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No SVD run</source>
        <translation>Keine SVD ausgeführt</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+14"/>
        <source>norm</source>
        <translation>Norm</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>cos part</source>
        <translation>cos-Anteil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sin part</source>
        <translation>sin-Anteil</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>mean + 2 std (active above)</source>
        <translation>mean + 2 std (darüber aktiv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DFT of W_E over the %1 number tokens: %2 active frequencies</source>
        <translation>DFT von W_E über die %1 Zahlentokens: %2 aktive Frequenzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>frequency k</source>
        <translation>Frequenz k</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>orthonormal basis sqrt(2/p) cos(2 pi k x / p), sin; %1</source>
        <translation>Orthonormalbasis sqrt(2/p) cos(2 pi k x / p), sin; %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active frequencies (norm &gt; mean + 2 std = %1): %2. Seed 002: few for nanda, many for miiii, none for basis. Constant component: %3.</source>
        <translation>Aktive Frequenzen (Norm &gt; mean + 2 std = %1): %2. Seed 002: wenige bei nanda, viele bei miiii, keine bei basis. Konstante Komponente: %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>neuron %1: activation over (x0, x1)</source>
        <translation>Neuron %1: Aktivierung über (x0, x1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU output</source>
        <translation>ReLU-Ausgabe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>|2D DFT| of neuron %1</source>
        <translation>|2D DFT| von Neuron %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>|F|</source>
        <translation>|F|</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>head %1: attention of &quot;=&quot; to %2 over (x0, x1)</source>
        <translation>Kopf %1: Attention von &quot;=&quot; auf %2 über (x0, x1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>attention weight</source>
        <translation>Attention-Gewicht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Layer %1; the rest of each query&apos;s weight goes to &quot;=&quot; itself.</source>
        <translation>Schicht %1; das übrige Gewicht jeder Query geht an &quot;=&quot; selbst.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Seed 002&apos;s findings beside %1 (%2). Each verdict names its rule. Whether Grokfast is needed (seed: miiii does not converge with lambda = 0) is a comparison of two runs: train the same settings with lambda 0 (README, &quot;Seed 002&quot;).</source>
        <translation>Befunde von Seed 002 neben %1 (%2). Jedes Urteil nennt seine Regel. Ob Grokfast nötig ist (seed: miiii konvergiert mit lambda = 0 nicht), ist ein Vergleich zweier Läufe: Trainieren Sie dieselben Einstellungen mit lambda 0 (README, „Seed 002“).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 of the %2 cells of seed 002&apos;s Table 1 grid (seeded draw %3), %4 steps each, task %5 at p = %6, data seed %7%8.</source>
        <translation>%1 der %2 Zellen des Rasters aus Tabelle 1 von seed 002 (Ziehung mit Seed %3), je %4 Schritte, Aufgabe %5 bei p = %6, Daten-Seed %7%8.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>; cancelled: the rows so far</source>
        <translation>; abgebrochen: die bisherigen Zeilen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>positional</source>
        <translation>Positionseinbettung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>singular values</source>
        <translation>Singulärwerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>singular vectors</source>
        <translation>Singulärvektoren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fourier</source>
        <translation>Fourier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>neuron map</source>
        <translation>Neuronenkarte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>neuron dft</source>
        <translation>Neuronen-DFT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>attention</source>
        <translation>Attention</translation>
    </message>
</context>
<context>
    <name>kronscope::app::PerplexityPanel</name>
    <message>
        <location filename="../app/gui/pages/perplexity_panel.cpp" line="+23"/>
        <source>UTF-8 text file</source>
        <translation>UTF-8-Textdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tokens per window (at most the model&apos;s n_positions).</source>
        <translation>Tokens pro Fenster (höchstens n_positions des Modells).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_length</source>
        <translation>max_length</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step between window starts. stride &lt; max_length gives every scored token more context.</source>
        <translation>Abstand zwischen den Fensteranfängen. stride &lt; max_length gibt jedem bewerteten Token mehr Kontext.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stride</source>
        <translation>stride</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>whole text</source>
        <translation>gesamter Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use only the first N tokens of the text (0: all).</source>
        <translation>Nur die ersten N Tokens des Textes verwenden (0: alle).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token limit</source>
        <translation>Token-Limit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The checkpoint is loaded on this device when opened.</source>
        <translation>Der Checkpoint wird beim Öffnen auf dieses Gerät geladen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tf32 (f32 weights, TF32 matmuls)</source>
        <translation>tf32 (f32-Gewichte, TF32-Matrixprodukte)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The precision the checkpoint is loaded in when opened. On the CPU: f32. On a CUDA device also tf32 (float32 weights, tensor-core matmuls), bf16 and f16 (about 3 significant digits; the perplexity moves by well under 1% on GPT-2).</source>
        <translation>Die Genauigkeit, in der der Checkpoint beim Öffnen geladen wird. Auf der CPU: f32. Auf einem CUDA-Gerät auch tf32 (float32-Gewichte, Matrixprodukte auf Tensor-Cores), bf16 und f16 (etwa 3 signifikante Stellen; die Perplexität ändert sich bei GPT-2 um deutlich weniger als 1 %).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measure perplexity</source>
        <translation>Perplexität messen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a text</source>
        <translation>Text auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text files (*.txt *.raw *.md);;All files (*)</source>
        <translation>Textdateien (*.txt *.raw *.md);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>CUDA devices only</source>
        <translation>Nur auf CUDA-Geräten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open a checkpoint first.</source>
        <translation>Öffnen Sie zuerst einen Checkpoint.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a text file to score.</source>
        <translation>Wählen Sie eine Textdatei zur Bewertung.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::PreferencesDialog</name>
    <message>
        <location filename="../app/gui/widgets/preferences_dialog.cpp" line="+17"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Threads one computation (perplexity, decomposition, training) may use. Fewer leave cores free for other work.</source>
        <translation>Threads, die eine Berechnung (Perplexität, Zerlegung, Training) nutzen darf. Weniger Threads lassen Kerne für andere Arbeit frei.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Threads for computations</source>
        <translation>&amp;Threads für Berechnungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes take effect the next time Kronscope starts.</source>
        <translation>Änderungen werden beim nächsten Start von Kronscope wirksam.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ProbePanel</name>
    <message>
        <location filename="../app/gui/pages/probe_panel.cpp" line="+74"/>
        <source>Probe</source>
        <translation>Sonde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All block matrices</source>
        <translation>Alle Blockmatrizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention (c_attn, attn.c_proj)</source>
        <translation>Attention (c_attn, attn.c_proj)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP (c_fc, mlp.c_proj)</source>
        <translation>MLP (c_fc, mlp.c_proj)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected matrix</source>
        <translation>Ausgewählte Matrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>Eigene…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matrices</source>
        <translation>Matrizen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block size n</source>
        <translation>Blockgröße n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>r = n</source>
        <translation>r = n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms r</source>
        <translation>Terme r</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>small factor first (A ⊗ S)</source>
        <translation>kleiner Faktor zuerst (A ⊗ S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor second (S ⊗ A)</source>
        <translation>kleiner Faktor zuletzt (S ⊗ A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both orders (2x2 basis energy)</source>
        <translation>beide Reihenfolgen (2x2-Basisenergie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor order</source>
        <translation>Faktorreihenfolge</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Null draws</source>
        <translation>Nullmodell-Stichproben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also the permuted-entries null</source>
        <translation>Auch das Nullmodell mit permutierten Einträgen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Whole square matrices (polar factor)</source>
        <translation>Ganze quadratische Matrizen (Polarfaktor)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-head blocks of Q, K, V, output</source>
        <translation>Blöcke pro Kopf von Q, K, V, Ausgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronecker factors A_k (n × n)</source>
        <translation>Kronecker-Faktoren A_k (n × n)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every 2×2 tile (atan2(b, a))</source>
        <translation>Jede 2×2-Kachel (atan2(b, a))</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Angles from</source>
        <translation>Winkel aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Histogram bins</source>
        <translation>Histogrammklassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S_k up to k =</source>
        <translation>S_k bis k =</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Run probe</source>
        <translation>Sonde ausführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this probe</source>
        <translation>diese Sonde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every score is shown beside the same score on null matrices (Gaussian, permuted entries, or Haar-random rotations) with its z-score. See Help in the README for the definitions.</source>
        <translation>Jeder Wert wird neben demselben Wert auf Nullmatrizen (Gaußsch, permutierte Einträge oder Haar-zufällige Rotationen) mit seinem z-Wert angezeigt. Die Definitionen stehen im Abschnitt „Help“ der README.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The open GPT-2 checkpoint</source>
        <translation>Der geöffnete GPT-2-Checkpoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The open modular model (seed 002)</source>
        <translation>Das geöffnete modulare Modell (seed 002)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A modular-addition model holds rotations by its key frequencies: the positive control for these probes. Its matrices: W_E, W_U, W_in, W_out and every head&apos;s W_Q, W_K, W_V, W_O; shapes the block size does not divide are skipped.</source>
        <translation>Ein Modell für modulare Addition enthält Rotationen um seine Schlüsselfrequenzen: die Positivkontrolle für diese Sonden. Seine Matrizen: W_E, W_U, W_in, W_out und W_Q, W_K, W_V, W_O jedes Kopfes; Formen, die nicht durch die Blockgröße teilbar sind, werden übersprungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weights of</source>
        <translation>Gewichte von</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>select a matrix in the Model panel first</source>
        <translation>wählen Sie zuerst im Bereich „Modell“ eine Matrix aus</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>custom matrices: give names or a spec such as layers:0-5</source>
        <translation>eigene Matrizen: geben Sie Namen oder eine Angabe wie layers:0-5 an</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>both factor orders at once is for the 2x2 basis energy: pick one order for this probe</source>
        <translation>beide Faktorreihenfolgen auf einmal gibt es nur für die 2x2-Basisenergie: wählen Sie für diese Sonde eine Reihenfolge</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ProbeView</name>
    <message>
        <location filename="../app/gui/results/probe_runs.cpp" line="+15"/>
        <source>Kronecker ratio</source>
        <translation>Kronecker-Verhältnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2x2 basis energy</source>
        <translation>2x2-Basisenergie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clifford violation</source>
        <translation>Clifford-Verletzung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotation angles</source>
        <translation>Rotationswinkel</translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_view.cpp" line="+114"/>
        <source>%1 null: mean %2, std %3 over %4 draws; z = %5</source>
        <translation>%1-Nullmodell: Mittelwert %2, Std.-Abw. %3 über %4 Stichproben; z = %5</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Gaussian + permuted</source>
        <translation>Gauß + permutiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+496"/>
        <source>Gaussian</source>
        <translation>Gauß</translation>
    </message>
    <message>
        <location line="-494"/>
        <source>n = %1, r = %2, %3</source>
        <translation>n = %1, r = %2, %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>small factor second</source>
        <translation>kleiner Faktor zuletzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor first</source>
        <translation>kleiner Faktor zuerst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2x2 blocks (S ⊗ A)</source>
        <translation>2x2-Blöcke (S ⊗ A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2x2 factor first (A ⊗ S)</source>
        <translation>2x2-Faktor zuerst (A ⊗ S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1; %2 nulls, %3 draws, seed %4</source>
        <translation>%1; Nullmodelle: %2, %3 Stichproben, Seed %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Haar O(N)</source>
        <translation>Haar O(N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>angles from %1%2; %3 bins, S_1..S_%4; %5 nulls, %6 draws, seed %7</source>
        <translation>Winkel aus %1%2; %3 Klassen, S_1..S_%4; Nullmodelle: %5, %6 Stichproben, Seed %7</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>model %1 (content hash %2) · </source>
        <translation>Modell %1 (Inhalts-Hash %2) · </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>model content hash %1 · </source>
        <translation>Modell-Inhalts-Hash %1 · </translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_runs.cpp" line="+19"/>
        <source>2x2 factor first</source>
        <translation>2x2-Faktor zuerst</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2x2 blocks</source>
        <translation>2x2-Blöcke</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 · %3 · %4 draws, seed %5</source>
        <translation>%1 · %2 · %3 · %4 Stichproben, Seed %5</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 draws, seed %2</source>
        <translation>%1 Stichproben, Seed %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Toy %1 · %2 · n = 2, r = 2 · %3</source>
        <translation>Spielzeugmodell %1 · %2 · n = 2, r = 2 · %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Toy %1 · %2 · %3</source>
        <translation>Spielzeugmodell %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Toy %1 · %2 · n = 2 · %3</source>
        <translation>Spielzeugmodell %1 · %2 · n = 2 · %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Toy %1 · %2 · column blocks · %3</source>
        <translation>Spielzeugmodell %1 · %2 · Spaltenblöcke · %3</translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_view_pages.cpp" line="+45"/>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run a structure probe from the Experiment panel (Structure probes). Results appear here, each score beside its null model.</source>
        <translation>Führen Sie im Bereich „Experiment“ (Struktursonden) eine Struktursonde aus. Die Ergebnisse erscheinen hier, jeder Wert neben seinem Nullmodell.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ratio to the Gaussian null</source>
        <translation>Verhältnis zum Gaußschen Nullmodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z against the Gaussian null</source>
        <translation>z gegenüber dem Gaußschen Nullmodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ratio to the permuted null</source>
        <translation>Verhältnis zum permutierten Nullmodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z against the permuted null</source>
        <translation>z gegenüber dem permutierten Nullmodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ratio to the row/column-permuted null</source>
        <translation>Verhältnis zum Zeilen/Spalten-Permutations-Nullmodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z against the row/column-permuted null</source>
        <translation>z gegen das Zeilen/Spalten-Permutations-Nullmodell</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+30"/>
        <location line="+18"/>
        <source>Matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Shape</source>
        <translation>Form</translation>
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
        <translation>rel. Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+27"/>
        <location line="+21"/>
        <source>Gaussian null mean</source>
        <translation>Mittelwert Gauß-Nullmodell</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+26"/>
        <location line="+22"/>
        <source>Gaussian null std</source>
        <translation>Std.-Abw. Gauß-Nullmodell</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>ratio (Gaussian)</source>
        <translation>Verhältnis (Gauß)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+26"/>
        <location line="+4"/>
        <location line="+18"/>
        <source>z (Gaussian)</source>
        <translation>z (Gauß)</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>permuted null mean</source>
        <translation>Mittelwert permutiertes Nullmodell</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>ratio (permuted)</source>
        <translation>Verhältnis (permutiert)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+25"/>
        <location line="+22"/>
        <source>z (permuted)</source>
        <translation>z (permutiert)</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>row/col null mean</source>
        <translation>Zeilen/Spalten-Null Mittel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ratio (row/col)</source>
        <translation>Verhältnis (Zeilen/Spalten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <location line="+19"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>z (row/col)</source>
        <translation>z (Zeilen/Spalten)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Color:</source>
        <translation>Farbe:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Matrices</source>
        <translation>Matrizen</translation>
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
        <translation>komplex (I+J)</translation>
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
        <translation>komplexer Anteil</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+35"/>
        <location line="+3"/>
        <source>null mean</source>
        <translation>Nullmodell-Mittelwert</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>angle (deg)</source>
        <translation>Winkel (Grad)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>det</source>
        <translation>det</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
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
        <translation>Nullmodell-Std.-Abw.</translation>
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
        <translation>Nullmodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blocks</source>
        <translation>Blöcke</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Angles</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>strongest k</source>
        <translation>stärkstes k</translation>
    </message>
    <message>
        <location filename="../app/gui/results/probe_view.cpp" line="+138"/>
        <source>Kronecker ratio map</source>
        <translation>Karte des Kronecker-Verhältnisses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Basis-energy pies</source>
        <translation>Basisenergie-Kreisdiagramme</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clifford pair violations</source>
        <translation>Clifford-Paarverletzungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Angle histogram</source>
        <translation>Winkelhistogramm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S_k vs null</source>
        <translation>S_k vs. Nullmodell</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This result cannot be shown: %1</source>
        <translation>Dieses Ergebnis kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>layers × matrix kinds</source>
        <translation>Schichten × Matrixarten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Kronecker ratio&lt;/b&gt; = rel. error of the Kronecker fit / mean rel. error of the same fit on null matrices of the same shape. Below 1 (z ≪ 0): more Kronecker structure than chance.&lt;br&gt;%1; %2 matrices, %3 s</source>
        <translation>&lt;b&gt;Kronecker-Verhältnis&lt;/b&gt; = rel. Fehler der Kronecker-Anpassung / mittlerer rel. Fehler derselben Anpassung auf Nullmatrizen gleicher Form. Unter 1 (z ≪ 0): mehr Kronecker-Struktur als durch Zufall.&lt;br&gt;%1; %2 Matrizen, %3 s</translation>
    </message>
    <message>
        <location line="-210"/>
        <location line="+241"/>
        <source>(no layer)</source>
        <translation>(keine Schicht)</translation>
    </message>
    <message>
        <location line="-241"/>
        <location line="+241"/>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matrix kind</source>
        <translation>Matrixart</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Kronecker ratio per layer and matrix kind</source>
        <translation>Kronecker-Verhältnis je Schicht und Matrixart</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+96"/>
        <source>whole selection</source>
        <translation>gesamte Auswahl</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>whole selection (%1 matrices)</source>
        <translation>gesamte Auswahl (%1 Matrizen)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;2x2 basis energy&lt;/b&gt;: W = I⊗S_I + J⊗S_J + K⊗S_K + L⊗S_L (I scaling, J rotation, K and L reflections); share of X = 2‖S_X‖² / ‖W‖². Null: 25 % each, complex (I + J) 50 %.&lt;br&gt;%1; %2 s</source>
        <translation>&lt;b&gt;2x2-Basisenergie&lt;/b&gt;: W = I⊗S_I + J⊗S_J + K⊗S_K + L⊗S_L (I Skalierung, J Rotation, K und L Spiegelungen); Anteil von X = 2‖S_X‖² / ‖W‖². Nullmodell: je 25 %, komplex (I + J) 50 %.&lt;br&gt;%1; %2 s</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&lt;b&gt;Clifford violation&lt;/b&gt; V of the fitted factors A_k (normalized, best diagonal signature): 0 for an exact Clifford generating set, about 1 for none. The map shows each pair&apos;s ‖{A_i, A_j} − 2η_ij I‖² / ‖{A_i, A_j}‖².&lt;br&gt;%1; %2 s</source>
        <translation>&lt;b&gt;Clifford-Verletzung&lt;/b&gt; V der angepassten Faktoren A_k (normiert, beste diagonale Signatur): 0 für ein exaktes Clifford-Erzeugendensystem, etwa 1 für keines. Die Karte zeigt für jedes Paar ‖{A_i, A_j} − 2η_ij I‖² / ‖{A_i, A_j}‖².&lt;br&gt;%1; %2 s</translation>
    </message>
    <message>
        <location line="-376"/>
        <source>&lt;br&gt;Skipped: %1</source>
        <translation>&lt;br&gt;Übersprungen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (and %n more)</source>
        <translation>
            <numerusform> (und %n weitere)</numerusform>
            <numerusform> (und %n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+408"/>
        <source>&lt;b&gt;Rotation angles&lt;/b&gt;: eigen-angles θ of polar factors; S_k = |mean exp(ikθ)| detects k-fold (roots-of-unity) symmetry. Null: Haar-random rotations of the same size.&lt;br&gt;%1; %2 s%3</source>
        <translation>&lt;b&gt;Rotationswinkel&lt;/b&gt;: Eigenwinkel θ der Polarfaktoren; S_k = |mean exp(ikθ)| erkennt k-zählige Symmetrie (Einheitswurzeln). Nullmodell: Haar-zufällige Rotationen gleicher Größe.&lt;br&gt;%1; %2 s%3</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>observed</source>
        <translation>beobachtet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>complex (I+J)
%1 %</source>
        <translation>komplex (I+J)
%1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaussian null
(mean of %1)</source>
        <translation>Gaußsches Nullmodell
(Mittel aus %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>complex %1 % ± %2
z = %3</source>
        <translation>komplex %1 % ± %2
z = %3</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>permuted null
(mean of %1)</source>
        <translation>permutiertes Nullmodell
(Mittel aus %1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>2x2 basis energy of %1</source>
        <translation>2x2-Basisenergie von %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>factor</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pair violation</source>
        <translation>Paarverletzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: V = %2; %3</source>
        <translation>%1: V = %2; %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Haar O(%1) null</source>
        <translation>Haar-O(%1)-Nullmodell</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Gaussian null</source>
        <translation>Gaußsches Nullmodell</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>observed (%1 angles)</source>
        <translation>beobachtet (%1 Winkel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, mean of %2 draws</source>
        <translation>%1, Mittel aus %2 Stichproben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eigen-angles of %1</source>
        <translation>Eigenwinkel von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S_k observed</source>
        <translation>S_k beobachtet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 mean</source>
        <translation>%1 (Mittelwert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k-fold symmetry S_k of %1</source>
        <translation>k-zählige Symmetrie S_k von %1</translation>
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
        <translation>Rezept</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>quantity</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>seed (published)</source>
        <translation>Seed (veröffentlicht)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>this model</source>
        <translation>dieses Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a table or figure of the seeds from the &lt;b&gt;Reproduce&lt;/b&gt; menu: it fills the right page with the seed&apos;s settings for the open model, runs it, and lists the seed&apos;s published numbers here beside this model&apos;s, with a verdict on each claim.</source>
        <translation>Wählen Sie eine Tabelle oder Abbildung der Seeds im Menü &lt;b&gt;Reproduzieren&lt;/b&gt;: es füllt die passende Seite mit den Einstellungen des Seeds für das geöffnete Modell, führt sie aus und listet hier die veröffentlichten Zahlen des Seeds neben denen dieses Modells auf, mit einem Urteil zu jeder Behauptung.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;: %2. &lt;i&gt;Seed:&lt;/i&gt; %3. &lt;i&gt;This run:&lt;/i&gt; %4&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;: %2. &lt;i&gt;Seed:&lt;/i&gt; %3. &lt;i&gt;Dieser Lauf:&lt;/i&gt; %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;p&gt;The values differ from the seed&apos;s wherever the model does (&quot;value (other model)&quot;); a claim (an ordering, a sign, a threshold) holds or not on this model.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Werte weichen von denen des Seeds ab, wo immer das Modell abweicht (&quot;value (other model)&quot;); eine Behauptung (eine Reihenfolge, ein Vorzeichen, eine Schwelle) gilt auf diesem Modell oder nicht.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kronscope::app::StructureMapPanel</name>
    <message>
        <location filename="../app/gui/pages/structure_map_panel.cpp" line="+25"/>
        <source>Kronecker ratio (vs Gaussian null)</source>
        <translation>Kronecker-Verhältnis (zum Gaußschen Nullmodell)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronecker relative error</source>
        <translation>Relativer Kronecker-Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD relative error (matched parameters)</source>
        <translation>Relativer SVD-Fehler (gleiche Parameterzahl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metric</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Block sizes</source>
        <translation>Blockgrößen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which block matrices: all, attn, mlp, layers:A-B, kinds:c_fc,..., matrices:h.0.mlp.c_fc,...; join with + for an intersection (attn+layers:6-11).</source>
        <translation>Welche Blockmatrizen: all, attn, mlp, layers:A-B, kinds:c_fc,..., matrices:h.0.mlp.c_fc,...; mit + verbunden ergibt sich die Schnittmenge (attn+layers:6-11).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Null draws</source>
        <translation>Nullmodell-Stichproben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute structure map</source>
        <translation>Strukturkarte berechnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this structure map</source>
        <translation>diese Strukturkarte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every block matrix at every block size; shown as a 3D landscape. Click a cell to select that matrix.</source>
        <translation>Jede Blockmatrix bei jeder Blockgröße, dargestellt als 3D-Landschaft. Klick auf eine Zelle wählt diese Matrix aus.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::StructureMapView</name>
    <message>
        <location filename="../app/gui/results/structure_map_view.cpp" line="+26"/>
        <source>matrix</source>
        <translation>Matrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>block size n</source>
        <translation>Blockgröße n</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kronecker ratio</source>
        <translation>Kronecker-Verhältnis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kronecker rel. error</source>
        <translation>Rel. Kronecker-Fehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SVD rel. error</source>
        <translation>Rel. SVD-Fehler</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Compute a structure map from the Experiment panel.</source>
        <translation>Berechnen Sie eine Strukturkarte im Bereich „Experiment“.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Picked &lt;b&gt;%1&lt;/b&gt; at n = %2: %3 = %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; bei n = %2 gewählt: %3 = %4</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 from %2 to %3 over %4 matrices × %5 block sizes. Drag to rotate, wheel to zoom, click to select a matrix.</source>
        <translation>%1 von %2 bis %3 über %4 Matrizen × %5 Blockgrößen. Ziehen zum Drehen, Mausrad zum Zoomen, Klick wählt eine Matrix aus.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::SweepPanel</name>
    <message>
        <location filename="../app/gui/pages/sweep_panel.cpp" line="+25"/>
        <source>Kronecker</source>
        <translation>Kronecker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD</source>
        <translation>SVD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hybrid</source>
        <translation>Hybrid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse hybrid</source>
        <translation>Umgekehrt hybrid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kronecker on attention, SVD on MLP (seed 000&apos;s decisive test).</source>
        <translation>Kronecker auf Attention, SVD auf MLP (der entscheidende Test aus Seed 000).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVD on attention, Kronecker on MLP.</source>
        <translation>SVD auf Attention, Kronecker auf MLP.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Methods</source>
        <translation>Methoden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comma-separated block sizes n (A_k n × n, r = n; SVD at the matched rank).</source>
        <translation>Kommagetrennte Blockgrößen n (A_k n × n, r = n; SVD mit entsprechendem Rang).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block sizes</source>
        <translation>Blockgrößen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. attn+layers:6-11 or kinds:c_fc</source>
        <translation>z. B. attn+layers:6-11 oder kinds:c_fc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all, attn, mlp, layers:A-B, kinds:K,K, matrices:M,M; join with + to intersect.</source>
        <translation>all, attn, mlp, layers:A-B, kinds:K,K, matrices:M,M; mit + verknüpfen, um die Schnittmenge zu bilden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom targets</source>
        <translation>Eigene Ziele</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>n (seed convention)</source>
        <translation>n (Seed-Konvention)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kronecker terms r</source>
        <translation>Kronecker-Terme r</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>small factor first (A_k n × n)</source>
        <translation>kleiner Faktor zuerst (A_k n × n)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small factor second (n × n tiles)</source>
        <translation>kleiner Faktor zuletzt (n × n-Kacheln)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factor order</source>
        <translation>Faktorreihenfolge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frobenius rescaling</source>
        <translation>Frobenius-Reskalierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measure the unmodified model first</source>
        <translation>Zuerst das unveränderte Modell messen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run sweep</source>
        <translation>Sweep starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this sweep</source>
        <translation>diesen Sweep</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uses the text and window of the Perplexity page.</source>
        <translation>Verwendet Text und Fenster der Seite „Perplexität“.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All block matrices</source>
        <translation>Alle Blockmatrizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention only</source>
        <translation>Nur Attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP only</source>
        <translation>Nur MLP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Early layers (0-%1)</source>
        <translation>Frühe Schichten (0-%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Late layers (%1-%2)</source>
        <translation>Späte Schichten (%1-%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All five (seed table: all, attn, MLP, early, late)</source>
        <translation>Alle fünf (Seed-Tabelle: all, attn, MLP, früh, spät)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Selected matrix</source>
        <translation>Ausgewählte Matrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>Eigene…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>choose at least one method</source>
        <translation>wählen Sie mindestens eine Methode</translation>
    </message>
    <message>
        <location filename="../app/gui/pages/page_fields.cpp" line="+16"/>
        <source>block sizes: &apos;%1&apos; is not a positive integer</source>
        <translation>Blockgrößen: „%1“ ist keine positive ganze Zahl</translation>
    </message>
    <message>
        <location filename="../app/gui/pages/sweep_panel.cpp" line="+2"/>
        <source>block sizes: give at least one</source>
        <translation>Blockgrößen: geben Sie mindestens eine an</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>targets: select a matrix in the Model panel</source>
        <translation>Ziele: wählen Sie im Bereich „Modell“ eine Matrix aus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>targets: empty</source>
        <translation>Ziele: leer</translation>
    </message>
</context>
<context>
    <name>kronscope::app::SweepView</name>
    <message>
        <location filename="../app/gui/results/sweep_view.cpp" line="+16"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Block size</source>
        <translation>Blockgröße</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Matrices</source>
        <translation>Matrizen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>× baseline</source>
        <translation>× Basiswert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mean rel. error</source>
        <translation>Mittl. rel. Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens scored</source>
        <translation>Bewertete Tokens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens/s</source>
        <translation>Tokens/s</translation>
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
        <translation>Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model hash</source>
        <translation>Modell-Hash</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text hash</source>
        <translation>Text-Hash</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sweep&apos;s own throughput over the cells finished so far: evaluations per minute and tokens run through the model per second, both per second of cell time (the surgery&apos;s fits plus the evaluation). Seconds: a cell&apos;s wall time; Tokens/s: its evaluation alone.</source>
        <translation>Der eigene Durchsatz der Reihe über die bisher fertigen Zellen: Auswertungen pro Minute und Tokens pro Sekunde durch das Modell, beide je Sekunde Zellzeit (die Anpassungen der Operation plus die Auswertung). Sekunden: die Laufzeit einer Zelle; Tokens/s: nur ihre Auswertung.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>unmodified model: PPL %1</source>
        <translation>unverändertes Modell: PPL %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Throughput: %1 evaluations/min, %2 tokens/s through the model (cells timed: %3, %4 s of surgery + evaluation, %5 %6)</source>
        <translation>Durchsatz: %1 Auswertungen/min, %2 Tokens/s durch das Modell (gemessene Zellen: %3, %4 s Operation + Auswertung, %5 %6)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Throughput: not recorded (rows from a file written before cells were timed)</source>
        <translation>Durchsatz: nicht erfasst (Zeilen aus einer Datei, die vor der Zeitmessung der Zellen geschrieben wurde)</translation>
    </message>
</context>
<context>
    <name>kronscope::app::ToyLabPanel</name>
    <message>
        <location filename="../app/gui/pages/toy_panel.cpp" line="+31"/>
        <source>Features n</source>
        <translation>Merkmale n</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hidden m</source>
        <translation>Verborgene Dimension m</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S = the probability that a feature is zero (0 dense, near 1 sparse)</source>
        <translation>S = Wahrscheinlichkeit, dass ein Merkmal null ist (0 dicht, nahe 1 dünn besetzt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sparsity S</source>
        <translation>Sparsität S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sparsity sweep (S = 0 … 0.99)</source>
        <translation>Sparsitäts-Sweep (S = 0 … 0.99)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One model per sparsity, log-spaced in 1 − S; everything else (and the seed) the same</source>
        <translation>Ein Modell je Sparsität, logarithmisch verteilt in 1 − S; alles andere (auch der Seed) gleich</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sweep models</source>
        <translation>Modelle im Sweep</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Importance I_i = d^i, d =</source>
        <translation>Wichtigkeit I_i = d^i, d =</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Null draws (probes)</source>
        <translation>Nullmodell-Stichproben (Sonden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train toy model</source>
        <translation>Spielzeugmodell trainieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>h = W x, x&apos; = ReLU(Wᵀh + b), loss Σ I_i (x_i − x&apos;_i)², AdamW. A seed reproduces a run exactly; a sweep changes only S.</source>
        <translation>h = W x, x&apos; = ReLU(Wᵀh + b), Verlust Σ I_i (x_i − x&apos;_i)², AdamW. Ein Seed reproduziert einen Lauf exakt; ein Sweep ändert nur S.</translation>
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
        <translation>S = %1, Seed %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Run all probes on this W</source>
        <translation>Alle Sonden auf dieses W anwenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+99"/>
        <source>Train a toy model from the Experiment panel (Toy superposition model).</source>
        <translation>Trainieren Sie im Bereich „Experiment“ (Superpositions-Spielzeugmodell) ein Spielzeugmodell.</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>weighted squared error</source>
        <translation>gewichteter quadratischer Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sparsity S</source>
        <translation>Sparsität S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Initial loss</source>
        <translation>Anfangsverlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Final loss</source>
        <translation>Endverlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Features represented (‖W_i‖ &gt; 0.5)</source>
        <translation>Dargestellte Merkmale (‖W_i‖ &gt; 0.5)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>W and WᵀW</source>
        <translation>W und WᵀW</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+80"/>
        <source>Feature norms</source>
        <translation>Merkmalsnormen</translation>
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
            <numerusform>%n Modell; Einstellungen siehe Tabelle</numerusform>
            <numerusform>%n Modelle; die Einstellungen jedes Modells stehen in der Tabelle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Loss curves</source>
        <translation>Verlustkurven</translation>
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
        <translation>verborgene Dimension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feature (importance descending)</source>
        <translation>Merkmal (nach absteigender Wichtigkeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>W (%1 × %2), %3</source>
        <translation>W (%1 × %2), %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>feature</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WᵀW: interference between features, %1</source>
        <translation>WᵀW: Interferenz zwischen Merkmalen, %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>‖W_i‖</source>
        <translation>‖W_i‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature norms, %1: %2 of %3 features represented</source>
        <translation>Merkmalsnormen, %1: %2 von %3 Merkmalen dargestellt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>‖W_i‖ (column norm)</source>
        <translation>‖W_i‖ (Spaltennorm)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&lt;br&gt;loss %2 → %3 in %4 steps (%5 s). Run the structure probes on this W with the button above; they appear in the Structure probes tab, each beside its null.</source>
        <translation>%1&lt;br&gt;Verlust %2 → %3 in %4 Schritten (%5 s). Führen Sie die Struktursonden mit der Schaltfläche oben auf diesem W aus; sie erscheinen im Reiter „Struktursonden“, jeweils neben ihrem Nullmodell.</translation>
    </message>
</context>
<context>
    <name>kronscope::app::TrainDialog</name>
    <message>
        <location filename="../app/gui/widgets/train_dialog.cpp" line="+60"/>
        <source>Train a GPT-2</source>
        <translation>GPT-2 trainieren</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Brown corpus (train split; validation split for the loss)</source>
        <translation>Brown-Korpus (Trainingsteil; Validierungsteil für den Verlust)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A UTF-8 text file</source>
        <translation>Eine UTF-8-Textdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corpus</source>
        <translation>Korpus</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+309"/>
        <source>validation (EMA)</source>
        <translation>Validierung (EMA)</translation>
    </message>
    <message>
        <location line="-280"/>
        <source>Text file</source>
        <translation>Textdatei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>demo: 6 layers, n_embd 128, 256 positions (the shipped demo)</source>
        <translation>demo: 6 Schichten, n_embd 128, 256 Positionen (das mitgelieferte Demo-Modell)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tiny: 2 layers, n_embd 64 (seconds)</source>
        <translation>tiny: 2 Schichten, n_embd 64 (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gpt2: GPT-2 small (GPU recommended)</source>
        <translation>gpt2: GPT-2 small (GPU empfohlen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random init (GPT-2&apos;s recipe)</source>
        <translation>Zufällige Initialisierung (GPT-2-Rezept)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A Hugging Face GPT-2 checkpoint folder whose weights start the run: fine-tune a model, or continue a finished run with a new schedule. Its config.json is the architecture.</source>
        <translation>Ein Hugging-Face-GPT-2-Checkpoint-Ordner, dessen Gewichte den Lauf beginnen: ein Modell feinabstimmen oder einen beendeten Lauf mit neuem Zeitplan fortsetzen. Seine config.json bestimmt die Architektur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start from</source>
        <translation>Starten von</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The same seed gives the same weights (on the same thread count): train several seeds for cross-seed comparisons.</source>
        <translation>Derselbe Seed ergibt dieselben Gewichte (bei gleicher Threadanzahl): Trainieren Sie mehrere Seeds für Vergleiche über Seeds hinweg.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch (windows)</source>
        <translation>Batch (Fenster)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context (tokens)</source>
        <translation>Kontext (Tokens)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Peak learning rate</source>
        <translation>Maximale Lernrate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cosine decay ends at this fraction of the peak learning rate.</source>
        <translation>Der Kosinus-Abfall endet bei diesem Anteil der maximalen Lernrate.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final learning rate (x peak)</source>
        <translation>Endlernrate (× Maximum)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>auto: min(100, steps / 10)</source>
        <translation>automatisch: min(100, Schritte / 10)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps of linear learning-rate warmup before the cosine decay (the shipped demo: 200).</source>
        <translation>Schritte des linearen Aufwärmens der Lernrate vor dem Kosinus-Abfall (das mitgelieferte Demo-Modell: 200).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warmup steps</source>
        <translation>Aufwärmschritte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropout on embeddings, attention and residual branches while training (GPT-2&apos;s *_pdrop)</source>
        <translation>Dropout auf Einbettungen, Attention und Residualzweige während des Trainings (*_pdrop von GPT-2)</translation>
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
        <translation>aus</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Stochastic weight averaging: after every step past this one the weights enter a running mean, which is validated too and is the exported model. Useful with a constant learning rate (final = 1 x peak).</source>
        <translation>Stochastisches Gewichtsmitteln: Nach jedem Schritt nach diesem gehen die Gewichte in einen laufenden Mittelwert ein, der ebenfalls validiert wird und das exportierte Modell ist. Sinnvoll mit konstanter Lernrate (End = 1 × Maximum).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Average weights after step</source>
        <translation>Gewichte mitteln ab Schritt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exponential moving average of the weights (w_ema &lt;- d w_ema + (1 - d) w after every step), validated too and exported to the output folder&apos;s ema/ beside the main checkpoint: compare SWA and EMA on the Compression page.</source>
        <translation>Exponentieller gleitender Mittelwert der Gewichte (w_ema &lt;- d w_ema + (1 - d) w nach jedem Schritt), ebenfalls validiert und in ema/ des Ausgabeordners neben dem Haupt-Checkpoint exportiert: SWA und EMA auf der Seite Kompression vergleichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>EMA decay</source>
        <translation>EMA-Abklingrate</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Train on the CPU or a CUDA GPU. Dropout masks are drawn on this device, so a run with dropout resumes on the same kind of device.</source>
        <translation>Auf der CPU oder einer CUDA-GPU trainieren. Dropout-Masken werden auf diesem Gerät gezogen, daher wird ein Lauf mit Dropout auf derselben Geräteart fortgesetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Resume the run saved in this folder (with its own settings)</source>
        <translation>Den in diesem Ordner gespeicherten Lauf fortsetzen (mit seinen eigenen Einstellungen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A cancelled or interrupted run keeps trainer_state.pt in its folder: resuming continues it exactly where it stopped. Corpus and device come from this dialog.</source>
        <translation>Ein abgebrochener oder unterbrochener Lauf behält trainer_state.pt in seinem Ordner: Fortsetzen macht genau dort weiter, wo er stehen blieb. Korpus und Gerät kommen aus diesem Dialog.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>A saved run is in this folder; its settings are read from trainer_state.pt when it continues.</source>
        <translation>In diesem Ordner liegt ein gespeicherter Lauf; seine Einstellungen werden beim Fortsetzen aus trainer_state.pt gelesen.</translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+307"/>
        <source>validation (weight average)</source>
        <translation>Validierung (Gewichtsmittel)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>none (no validation text)</source>
        <translation>keiner (kein Validierungstext)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Brown test split: PPL %1 (max_length = stride = %2, %3 tokens) vs add-one unigram %4; unigram PPL / model PPL = %5.</source>
        <translation>Brown-Testteil: PPL %1 (max_length = stride = %2, %3 Token) gegenüber Add-one-Unigramm %4; Unigramm-PPL / Modell-PPL = %5.</translation>
    </message>
    <message>
        <location line="-373"/>
        <source>Start training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Training text</source>
        <translation>Trainingstext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text (*.txt);;All files (*)</source>
        <translation>Text (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>context %1 is longer than the model&apos;s %2 positions</source>
        <translation>Kontext %1 ist länger als die %2 Positionen des Modells</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>choose a text file to train on</source>
        <translation>wählen Sie eine Textdatei für das Training</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>Start from checkpoint</source>
        <translation>Von Checkpoint starten</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>AdamW (betas 0.9/0.95, weight decay 0.1), linear warmup and cosine decay to the final learning rate, gradient clipping 1.0. Cancel in the Jobs panel keeps a resumable state.</source>
        <translation>AdamW (Betas 0,9/0,95, Weight Decay 0,1), lineares Aufwärmen und Kosinus-Abfall bis zur Endlernrate, Gradient Clipping 1,0. Abbrechen im Aufgabenbereich behält einen fortsetzbaren Zustand.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Saved run: %1 layers, n_embd %2, %3 steps; it continues where it stopped.</source>
        <translation>Gespeicherter Lauf: %1 Schichten, n_embd %2, %3 Schritte; er wird dort fortgesetzt, wo er stehen blieb.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot resume: %1</source>
        <translation>Fortsetzen nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>choose an output folder</source>
        <translation>wählen Sie einen Ausgabeordner</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a checkpoint folder (no config.json) to start from</source>
        <translation>%1 ist kein Checkpoint-Ordner (keine config.json), von dem gestartet werden kann</translation>
    </message>
    <message>
        <location line="-265"/>
        <location line="+305"/>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="-304"/>
        <location line="+306"/>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Resume training in %1 (seed %2, %3 steps)</source>
        <translation>Training in %1 fortsetzen (Seed %2, %3 Schritte)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Train %1 (seed %2, %3 steps)</source>
        <translation>%1 trainieren (Seed %2, %3 Schritte)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Done: %1 steps, validation loss %2, %3 tokens/s. Checkpoint: %4</source>
        <translation>Fertig: %1 Schritte, Validierungsverlust %2, %3 Tokens/s. Checkpoint: %4</translation>
    </message>
</context>
<context>
    <name>kronscope::views::AngleHistogramPlot</name>
    <message>
        <location filename="../views/src/plots.cpp" line="+447"/>
        <source>angle θ (radians)</source>
        <translation>Winkel θ (Bogenmaß)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fraction of angles</source>
        <translation>Anteil der Winkel</translation>
    </message>
</context>
<context>
    <name>kronscope::views::HeatmapView</name>
    <message>
        <location filename="../views/src/heatmap_view.cpp" line="+38"/>
        <location line="+88"/>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location line="-87"/>
        <location line="+88"/>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Hover over the map to read row, column and value.</source>
        <translation>Maus über die Karte bewegen: Zeile, Spalte, Wert.</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>row %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row %1, column %2: no value</source>
        <translation>Zeile %1, Spalte %2: kein Wert</translation>
    </message>
</context>
<context>
    <name>kronscope::views::LandscapeView</name>
    <message>
        <location filename="../views/src/landscape_view.cpp" line="+57"/>
        <source>Drag to rotate, wheel to zoom, click a cell to select that matrix.</source>
        <translation>Ziehen zum Drehen, Mausrad zum Zoomen, Klick auf eine Zelle wählt diese Matrix aus.</translation>
    </message>
    <message>
        <location line="+231"/>
        <source>nothing to export</source>
        <translation>nichts zu exportieren</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Compute a structure map (Structure map page) to see its landscape.</source>
        <translation>Berechnen Sie eine Strukturkarte (Seite „Strukturkarte“), um ihre Landschaft zu sehen.</translation>
    </message>
</context>
<context>
    <name>kronscope::views::LossPlot</name>
    <message>
        <location filename="../views/src/plots.cpp" line="-220"/>
        <source>optimizer step</source>
        <translation>Optimierungsschritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss (nats per token)</source>
        <translation>Verlust (Nats pro Token)</translation>
    </message>
</context>
<context>
    <name>kronscope::views::PruneSweepPlot</name>
    <message>
        <location line="+346"/>
        <source>pruned share per tensor (%)</source>
        <translation>geprunter Anteil je Tensor (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>artifact (MB, zstd)</source>
        <translation>Artefakt (MB, zstd)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pruning x int-k: bytes and perplexity</source>
        <translation>Pruning x int-k: Bytes und Perplexität</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>int%1 bytes</source>
        <translation>int%1 Bytes</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>int%1 perplexity</source>
        <translation>int%1 Perplexität</translation>
    </message>
</context>
<context>
    <name>kronscope::views::ResultTable</name>
    <message>
        <location filename="../views/src/result_table.cpp" line="+41"/>
        <source>Copy as Markdown</source>
        <translation>Als Markdown kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy as CSV</source>
        <translation>Als CSV kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy as LaTeX</source>
        <translation>Als LaTeX kopieren</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>unknown table format &apos;.%1&apos; (use .csv, .md or .tex)</source>
        <translation>unbekanntes Tabellenformat „.%1“ (.csv, .md oder .tex verwenden)</translation>
    </message>
</context>
<context>
    <name>kronscope::views::ScoreNullPlot</name>
    <message>
        <location filename="../views/src/plots.cpp" line="-64"/>
        <source>null ± 2 std</source>
        <translation>Nullmodell ± 2 Std.-Abw.</translation>
    </message>
</context>
<context>
    <name>kronscope::views::SpectrumPlot</name>
    <message>
        <location line="-478"/>
        <source>index k</source>
        <translation>Index k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>singular value</source>
        <translation>Singulärwert</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: kept (%2)</source>
        <translation>%1: behalten (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: dropped</source>
        <translation>%1: verworfen</translation>
    </message>
</context>
<context>
    <name>kronscope::views::SweepPlot</name>
    <message>
        <location line="+41"/>
        <source>block size n</source>
        <translation>Blockgröße n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity (log scale)</source>
        <translation>Perplexität (log. Skala)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Perplexity after surgery</source>
        <translation>Perplexität nach der Gewichtschirurgie</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+61"/>
        <source>Kronecker and SVD structure analysis of GPT-2 weights.</source>
        <translation>Kronecker- und SVD-Strukturanalyse von GPT-2-Gewichten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checkpoint folder or session file to open.</source>
        <translation>Zu öffnender Checkpoint-Ordner oder Sitzungsdatei.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text file for perplexity.</source>
        <translation>Textdatei für die Perplexität.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Matrix to show, e.g. h.0.mlp.c_fc.</source>
        <translation>Anzuzeigende Matrix, z. B. h.0.mlp.c_fc.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start without opening a model.</source>
        <translation>Starten, ohne ein Modell zu öffnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a screenshot of the window once the model is open, then quit.</source>
        <translation>Ein Bildschirmfoto des Fensters speichern, sobald das Modell geöffnet ist, und dann beenden.</translation>
    </message>
</context>
</TS>
