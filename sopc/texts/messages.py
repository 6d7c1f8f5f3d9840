"""Every message sopc prints that is not a lint rule's, in Indonesian and English, by id: one
catalogue (`sopc.texts.i18n.tr` picks a language, `sopc.texts.i18n.texts` gives both, for a SopcError).

Lint rules carry their own texts beside their checks and documentation (sopc/lint/rules/); the
texts printed *in* documents are labels (templates/labels-*.j2); the translations of --help and of
the schema's descriptions are tables keyed by their English (sopc/cli/help.py, sopc/model/schema.py).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # reading a SOP file (sopc.source)
    "io.unreadable": {
        "id": "berkas tidak dapat dibaca: {reason}",
        "en": "file cannot be read: {reason}",
    },
    "yaml.too_large": {
        "id": "berkas terlalu besar ({size} bita; batas {limit} bita)",
        "en": "file too large ({size} bytes; limit {limit} bytes)",
    },
    "yaml.encoding": {
        "id": "berkas bukan teks UTF-8 yang sah ({reason}); simpan ulang sebagai UTF-8",
        "en": "file is not valid UTF-8 text ({reason}); save it again as UTF-8",
    },
    "yaml.syntax": {
        "id": "kesalahan sintaks YAML: {problem}",
        "en": "YAML syntax error: {problem}",
    },
    "yaml.multi_doc": {
        "id": "satu berkas hanya boleh memuat satu SOP (ditemukan dokumen YAML kedua)",
        "en": "a file holds one SOP only (found a second YAML document)",
    },
    "yaml.empty": {
        "id": "berkas kosong: tidak ada SOP di dalamnya",
        "en": "empty file: it holds no SOP",
    },
    "yaml.not_mapping": {
        "id": "tingkat teratas SOP harus berupa pemetaan kunci: nilai, bukan {kind}",
        "en": "the top level of a SOP must be a mapping of key: value, not {kind}",
    },
    "yaml.duplicate_key": {
        "id": "kunci `{key}` ditulis dua kali (pertama di baris {first})",
        "en": "key `{key}` appears twice (first on line {first})",
    },
    "yaml.complex_key": {
        "id": "kunci harus berupa teks sederhana",
        "en": "a key must be plain text",
    },
    "yaml.tag": {
        "id": "tag YAML `{tag}` tidak didukung",
        "en": "YAML tag `{tag}` is not supported",
    },
    "yaml.too_deep": {
        "id": "struktur bersarang terlalu dalam (batas {limit} tingkat)",
        "en": "nesting too deep (limit {limit} levels)",
    },
    "yaml.alias_bomb": {
        "id": "alias YAML mengembang menjadi lebih dari {limit} simpul; berkas ditolak",
        "en": "YAML aliases expand to more than {limit} nodes; file rejected",
    },
    "yaml.recursive_alias": {
        "id": "alias YAML merujuk dirinya sendiri",
        "en": "a YAML alias refers to itself",
    },
    "yaml.unprintable": {
        "id": "teks memuat {count} karakter yang tidak dapat dicetak (mis. {sample}); karakter itu dibuang",
        "en": "text holds {count} characters that cannot be printed (e.g. {sample}); they are removed",
    },
    "yaml.too_many": {
        "id": "`{key}` memuat {count} butir; batasnya {limit} ([limits] di sopc.toml)",
        "en": "`{key}` holds {count} entries; the limit is {limit} ([limits] in sopc.toml)",
    },
    "yaml.number_too_long": {
        "id": "angka tanpa tanda kutip sepanjang {length} digit tidak dapat dibaca; "
              "tulis dalam tanda kutip bila itu teks",
        "en": "an unquoted number {length} digits long cannot be read; put it in quotes if it is text",
    },
    "yaml.too_long": {
        "id": "teks sepanjang {length} karakter; batasnya {limit} ([limits] di sopc.toml)",
        "en": "a text of {length} characters; the limit is {limit} ([limits] in sopc.toml)",
    },
    # the schema (sopc.model.errors)
    "schema.missing": {"id": "kunci wajib `{key}` belum ada{where}", "en": "required key `{key}` is missing{where}"},
    "schema.extra": {"id": "kunci tidak dikenal `{key}`{where}{suggest}", "en": "unknown key `{key}`{where}{suggest}"},
    "schema.suggest": {"id": "; maksud Anda `{key}`?", "en": "; did you mean `{key}`?"},
    "schema.where": {"id": " di {path}", "en": " in {path}"},
    "schema.text": {"id": "`{path}` harus berupa teks, bukan {kind}", "en": "`{path}` must be text, not {kind}"},
    "schema.list": {"id": "`{path}` harus berupa daftar", "en": "`{path}` must be a list"},
    "schema.mapping": {"id": "`{path}` harus berupa pemetaan (kunci: nilai)",
                       "en": "`{path}` must be a mapping (key: value)"},
    "schema.bool": {"id": "`{path}` harus true atau false", "en": "`{path}` must be true or false"},
    "schema.empty": {"id": "`{path}` tidak boleh kosong", "en": "`{path}` must not be empty"},
    "schema.choice": {"id": "`{path}` harus salah satu dari {expected}", "en": "`{path}` must be one of {expected}"},
    "schema.id_pattern": {
        "id": "`{path}`: `{value}` bukan id yang sah (huruf, angka, `_`, `.`, `-`; tidak diawali angka)",
        "en": "`{path}`: `{value}` is not a valid id (letters, digits, `_`, `.`, `-`; not starting with a digit)",
    },
    "schema.date": {"id": "`{path}` harus tanggal ISO TTTT-BB-HH, bukan `{value}`",
             "en": "`{path}` must be an ISO date YYYY-MM-DD, not `{value}`"},
    "schema.target": {"id": "`{path}` harus id langkah atau nomor langkah (mulai dari 1)",
               "en": "`{path}` must be a step id or a step number (from 1)"},
    "schema.label": {"id": "`{path}` memerlukan tepat dua label [ya, tidak]",
              "en": "`{path}` needs exactly two labels [ya, tidak]"},
    "schema.version": {"id": "versi format `{value}` tidak didukung; sopc ini membaca `sopc: 1`",
                "en": "format version `{value}` is not supported; this sopc reads `sopc: 1`"},
    "schema.other": {"id": "`{path}`: {detail}", "en": "`{path}`: {detail}"},
    # references inside a SOP (sopc.model.references)
    "ref.actor_duplicate": {
        "id": "id pelaksana `{id}` sudah dipakai pelaksana {first}",
        "en": "actor id `{id}` is already used by actor {first}",
    },
    "ref.step_duplicate": {
        "id": "id langkah `{id}` sudah dipakai langkah {first}",
        "en": "step id `{id}` is already used by step {first}",
    },
    "ref.step_reserved": {
        "id": "`{id}` tidak dapat menjadi id langkah (kata khusus untuk mengakhiri alur)",
        "en": "`{id}` cannot be a step id (it is the word that ends the flow)",
    },
    "ref.actor_unknown": {
        "id": "pelaksana `{id}` tidak dideklarasikan di `pelaksana` teratas{hint}",
        "en": "actor `{id}` is not declared in the top-level `pelaksana`{hint}",
    },
    "ref.actor_twice": {
        "id": "pelaksana `{id}` disebut dua kali pada langkah yang sama",
        "en": "actor `{id}` is named twice in the same step",
    },
    "ref.target_unknown": {
        "id": "`{target}` tidak menunjuk langkah mana pun (nomor 1–{count} atau id langkah)",
        "en": "`{target}` names no step (a number 1–{count} or a step id)",
    },
    "ref.end_in_decision": {
        "id": "cabang keputusan harus menunjuk sebuah langkah; `selesai` hanya untuk `lanjut`",
        "en": "a decision branch must name a step; `selesai` is for `lanjut` only",
    },
    "ref.ya_after_last": {
        "id": "keputusan di langkah terakhir perlu target `ya` (tidak ada langkah berikutnya)",
        "en": "a decision on the last step needs a `ya` target (there is no next step)",
    },
    "ref.decision_lanes": {
        "id": "keputusan diambil oleh satu pelaksana; langkah ini menyebut {count}",
        "en": "a decision is taken by one actor; this step names {count}",
    },
    "ref.decision_label": {
        "id": "label keluaran keputusan ditulis di `keputusan.label`, bukan `label`",
        "en": "a decision's exits are labelled by `keputusan.label`, not `label`",
    },
    "ref.sequence_one": {
        "id": "`berurutan` menyerahkan pekerjaan antarpelaksana dalam satu baris; langkah ini menyebut {count}",
        "en": "`berurutan` passes the work between the actors of one row; this step names {count}",
    },
    "ref.decision_lanjut": {
        "id": "keputusan keluar melalui `ya`/`tidak`, bukan `lanjut`",
        "en": "a decision leaves through `ya`/`tidak`, not `lanjut`",
    },
    # paths and files (sopc.paths, sopc.source.files, sopc.source.discover, sopc.output)
    "path.absolute": {"id": "`{name}` adalah path absolut; sebut path di dalam repositori",
                      "en": "`{name}` is an absolute path; name a path inside the repository"},
    "path.outside": {"id": "`{name}` mengarah ke luar folder {root}", "en": "`{name}` leads outside the folder {root}"},
    "path.missing": {"id": "path tidak ada: {path}", "en": "no such path: {path}"},
    "file.not_regular": {"id": "bukan berkas biasa (FIFO, perangkat, atau soket)",
                         "en": "not a regular file (a FIFO, a device or a socket)"},
    "file.too_large": {"id": "berkas lebih besar dari {limit} bita", "en": "the file is larger than {limit} bytes"},
    "file.outside": {"id": "tautan mengarah ke luar repositori ({target})",
                     "en": "a link leading outside the repository ({target})"},
    "output.unwritable": {"id": "tidak dapat menulis {path}: {reason}", "en": "cannot write {path}: {reason}"},
    # git (sopc.lint.review)
    "review.git": {"id": "git tidak dapat dijalankan: {reason}", "en": "git cannot run: {reason}"},
    "review.failed": {"id": "git {command} gagal", "en": "git {command} failed"},
    "review.not_ref": {"id": "`{ref}` bukan ref git", "en": "`{ref}` is not a git ref"},
    "review.option": {"id": "--since {ref}: {problem}", "en": "--since {ref}: {problem}"},
    # sopc.toml (sopc.config)
    "config.unknown_key": {"id": "kunci tidak dikenal `{key}`{suggest}", "en": "unknown key `{key}`{suggest}"},
    "config.suggest": {"id": "; maksud Anda `{key}`?", "en": "; did you mean `{key}`?"},
    "config.value": {"id": "`{key}`: {problem}", "en": "`{key}`: {problem}"},
    "config.extend_loop": {"id": "`extend`: {name} kembali ke konfigurasi yang sudah dibaca",
                           "en": "`extend`: {name} leads back to a config already read"},
    "config.extend_missing": {"id": "`extend`: berkas {path} tidak ada", "en": "`extend`: no such file {path}"},
    "config.not_utf8": {"id": "bukan teks UTF-8; simpan ulang sebagai UTF-8",
                        "en": "not UTF-8 text; save it again as UTF-8"},
    "config.toml": {"id": "TOML: {problem}", "en": "TOML: {problem}"},
    "config.control": {"id": "`{key}` memuat karakter kendali U+{code}, yang tidak boleh ada di dokumen mana pun; "
                              "hapus karakter itu",
                       "en": "`{key}` holds the control character U+{code}, which no document may hold; remove it"},
    "config.no_rule": {"id": "`{key}`: tidak ada aturan bernama `{ref}` (lihat `sopc rules`)",
                       "en": "`{key}`: no rule is called `{ref}` (see `sopc rules`)"},
    "template.unusable": {"id": "{name} bukan dokumen Word (.docx) yang dapat menjadi awal dokumen sopc: {reason}",
                          "en": "{name} is not a Word document (.docx) sopc can start from: {reason}"},
    "config.template": {"id": "[document] template: {problem}", "en": "[document] template: {problem}"},
    "config.labels": {"id": "[document] labels: {path}: {problem}", "en": "[document] labels: {path}: {problem}"},
    # a unit's labels (sopc.texts.labels)
    "labels.template": {"id": "templat tidak dapat dipakai: {problem}", "en": "the template fails: {problem}"},
    "labels.unknown": {"id": "label `{key}` tidak dikenal{suggest}", "en": "unknown label `{key}`{suggest}"},
    "labels.empty": {"id": "label `{key}` kosong", "en": "label `{key}` is empty"},
    "labels.control": {"id": "label `{key}` memuat karakter kendali {code}",
                       "en": "label `{key}` holds the control character {code}"},
    "labels.months": {"id": "`months` memerlukan dua belas nama bulan, dipisah spasi",
                      "en": "`months` needs twelve month names, separated by spaces"},
    # the logo (sopc.backends.docx.logo): the build goes on without it, saying why
    "logo.unreadable": {"id": "{name}: {reason}", "en": "{name}: {reason}"},
    "logo.unreadable_image": {"id": "{name} bukan gambar PNG atau JPEG yang dapat dibaca",
                              "en": "{name} is not a PNG or JPEG image that can be read"},
    "logo.pixels": {"id": "{name} berukuran {w} x {h} piksel; logo berukuran 1 sampai {most} piksel tiap sisi",
                    "en": "{name} is {w} x {h} pixels; a logo is 1 to {most} pixels each way"},
    "logo.kind": {"id": "{name} bukan PNG, JPEG atau SVG", "en": "{name} is not PNG, JPEG or SVG"},
    "logo.svg_failed": {"id": "SVG tidak dapat digambar: {reason}", "en": "the SVG cannot be drawn: {reason}"},
    "logo.svg_tool": {"id": "logo SVG memerlukan cairosvg (pip) atau rsvg-convert (Debian librsvg2-bin) untuk dicetak",
                      "en": "an SVG logo needs cairosvg (pip) or rsvg-convert (Debian librsvg2-bin) to print"},
    "logo.svg_slow": {"id": "SVG memerlukan lebih dari {seconds:g} detik untuk digambar; dihentikan",
                      "en": "the SVG took longer than {seconds:g} s to draw; stopped"},
    # sopc build (sopc.build)
    "build.nameless": {
        "id": "{path} tidak dibuat: nama berkasnya tidak menyisakan nama untuk dokumennya; "
              "beri nama, mis. prosedur.sop.yaml",
        "en": "{path} not built: its file name leaves no name for its documents; name it, e.g. procedure.sop.yaml",
    },
    "build.overwrite": {
        "id": "{path} tidak dibuat: dokumennya akan menimpa dokumen {first} (keduanya {stem}.*); "
              "ganti nama salah satunya",
        "en": "{path} not built: its documents would overwrite those of {first} (both {stem}.*); rename one of them",
    },
    "build.worker_died": {"id": "sebuah proses pekerja berhenti tanpa diduga (kode keluar {code}), mungkin kehabisan "
                                "memori; dokumen yang sudah dibuat tetap utuh. Jalankan lagi, atau dengan -j 1",
                          "en": "a worker process ended unexpectedly (exit code {code}), perhaps out of memory; the "
                                "documents already made are whole. Run again, or with -j 1"},
    "build.changed": {"id": "{path} tidak dibuat: berkas berubah selama pembuatan dan kini bergalat; jalankan lagi",
                      "en": "{path} not built: it changed during the build and now has errors; run again"},
    "build.taken": {"id": "{path} tidak ditulis: nama itu milik dokumen sebuah SOP; ganti nama berkas SOP itu",
                    "en": "{path} not written: a SOP's document has that name; rename that SOP's file"},
    "build.no_unit": {"id": "tidak ada SOP unit `{unit}`: buku pedoman dan formulir monev tidak ditulis",
                      "en": "no SOP of unit `{unit}`: no manual or monitoring form written"},
    "build.logo_missing": {"id": "logo {logo} tidak ditemukan (dicari di {path}); dibuat tanpa logo",
                           "en": "logo {logo} not found (looked for {path}); built without it"},
    "build.logo_bad": {"id": "logo {logo}: {problem}; dibuat tanpa logo",
                       "en": "logo {logo}: {problem}; built without it"},
    "build.map_no_dot": {"id": "program Graphviz `dot` tidak ditemukan: buku pedoman dibuat tanpa peta keterkaitan",
                         "en": "Graphviz `dot` not found: the manual is built without the map of relations"},
    "build.map_too_big": {"id": "{count} SOP saling terkait: peta keterkaitan selebar itu tidak terbaca di satu "
                                "halaman (paling banyak {most}); buku pedoman dibuat tanpa peta — katalog HTML "
                                "mendaftar keterkaitannya",
                          "en": "{count} SOPs relate to one another: a map that large cannot be read on a page "
                                "(at most {most}); the manual is built without it — the HTML catalogue lists "
                                "the relations"},
    "build.map_failed": {"id": "Graphviz tidak dapat menggambar peta keterkaitan ({code}); peta dilewati",
                         "en": "Graphviz could not draw the map of relations ({code}); left out"},
    "build.summary": {
        "id": "sopc: {w} berkas ditulis, {u} tidak berubah, {s} SOP dilewati karena galat ({t:.1f} detik)",
        "en": "sopc: {w} files written, {u} unchanged, {s} SOPs skipped because of errors ({t:.1f} s)",
    },
    # PDF and the map (sopc.backends.pdf, sopc.backends.relations)
    "pdf.install": {
        "id": "LibreOffice tidak ditemukan; pasang untuk --pdf (Debian/Ubuntu: sudo apt "
              "install libreoffice-writer-nogui)",
        "en": "LibreOffice was not found; install it for --pdf (Debian/Ubuntu: sudo apt "
              "install libreoffice-writer-nogui)",
    },
    "pdf.none": {"id": "LibreOffice tidak membuat PDF dari {doc}", "en": "LibreOffice made no PDF of {doc}"},
    "pdf.slow": {"id": "LibreOffice memerlukan lebih dari {limit:.0f} detik untuk {count} dokumen",
                 "en": "LibreOffice took longer than {limit:.0f} s for {count} documents"},
    "map.dot_missing": {
        "id": "program Graphviz `dot` tidak ditemukan; pasang dulu (Debian/Ubuntu: sudo apt install graphviz; "
              "macOS: brew install graphviz; Windows: winget install graphviz)",
        "en": "the Graphviz program `dot` was not found; install it (Debian/Ubuntu: sudo apt install graphviz; "
              "macOS: brew install graphviz; Windows: winget install graphviz)",
    },
    "map.failed": {"id": "Graphviz gagal menggambar peta: {reason}", "en": "Graphviz could not draw the map: {reason}"},
    # the report (sopc.report)
    "report.summary": {"id": "{errors} galat, {warnings} peringatan, {infos} info di {files} berkas",
                       "en": "{errors} errors, {warnings} warnings, {infos} infos in {files} files"},
    # sopc import (sopc.importer)
    "import.kind": {"id": "{path}: hanya .docx dan .pdf yang dapat diimpor",
                    "en": "{path}: only .docx and .pdf files can be imported"},
    "import.unreadable": {"id": "{path} tidak dapat dibaca: {reason}", "en": "{path} cannot be read: {reason}"},
    "import.protected": {"id": "{path} dilindungi kata sandi; buka kuncinya dulu, lalu impor lagi",
                         "en": "{path} is protected by a password; unlock it, then import it again"},
    "import.scanned": {"id": "{path} adalah hasil pindaian (tanpa teks); impor berkas Word-nya atau PDF "
                             "yang diekspor dari Word",
                       "en": "{path} is a scan (it holds no text); import its Word file or a PDF exported "
                             "from Word"},
    "import.not_sop": {"id": "{path} tidak memuat SOP AP: tidak ada tabel identitas maupun tabel bagan alir "
                             "(kolom No dan Kegiatan)",
                       "en": "{path} holds no SOP AP: neither an identity table nor a flowchart table "
                             "(columns No and Kegiatan)"},
    "import.not_pdf": {"id": "{path} tidak dapat dibaca: bukan PDF yang utuh ({detail})",
                       "en": "{path} cannot be read: not a whole PDF ({detail})"},
    "import.not_docx": {"id": "{path} tidak dapat dibaca: bukan dokumen Word (.docx) yang utuh ({detail})",
                        "en": "{path} cannot be read: not a whole Word document (.docx) ({detail})"},
    "import.exists": {"id": "{path} sudah ada; tidak ditimpa (pakai --force untuk menimpa)",
                      "en": "{path} is already there; not overwritten (--force overwrites it)"},
    "import.wrote": {"id": "sopc: {source} → {path}: {steps} langkah, {actors} pelaksana{extra}",
                     "en": "sopc: {source} → {path}: {steps} steps, {actors} actors{extra}"},
    "import.guessed": {"id": "; {count} tebakan (lihat `# import:`)", "en": "; {count} guesses (see `# import:`)"},
    "import.missing": {"id": "; tidak ada di dokumen: {keys}", "en": "; not in the document: {keys}"},
    # the command line (sopc.cli) and sopc init / new (sopc.scaffold)
    "cli.stdin_fix": {"id": "--fix dan --diff mengubah berkas; SOP dari masukan standar tidak punya berkas",
                      "en": "--fix and --diff change files; a SOP on standard input has none"},
    "cli.no_files": {"id": "sopc: tidak ada berkas *.sop.yaml yang ditemukan", "en": "sopc: no *.sop.yaml files found"},
    "cli.no_rule": {"id": "tidak ada aturan `{code}` (lihat `sopc rules`)",
                    "en": "no rule `{code}` (see `sopc rules`)"},
    "cli.watching": {"id": "sopc: {w} berkas ditulis, {s} SOP dilewati karena galat; menunggu perubahan...",
                     "en": "sopc: {w} files written, {s} SOPs skipped because of errors; waiting for changes..."},
    "cli.watch_error": {"id": "sopc: {p}; menunggu perbaikan...", "en": "sopc: {p}; waiting for a fix..."},
    "scaffold.exists": {"id": "{target} sudah ada; tidak ada yang ditulis",
                        "en": "{target} is already there, nothing written"},
    "scaffold.control": {"id": "`{text}` memuat karakter kendali; tulis nama itu dalam satu baris, seperti dicetak",
                         "en": "`{text}` holds a control character; write the name on one line, as printed"},
    "scaffold.unpinned": {
        "id": "--install {given} tidak terkunci pada satu versi: berikan sopc==VERSI, "
              "'sopc @ git+https://HOST/ORG/sopc@TAG' (atau @COMMIT), atau sebuah .whl",
        "en": "--install {given} is not pinned: give sopc==VERSION, "
              "'sopc @ git+https://HOST/ORG/sopc@TAG' (or @COMMIT), or a .whl",
    },
    "scaffold.where": {
        "id": "sebutkan dari mana CI memasang sopc, mis. {example} (sopc ini berjalan dari folder lokal, "
              "yang tidak terjangkau CI)",
        "en": "say where CI installs sopc from, e.g. {example} (this sopc runs from a local folder, "
              "which CI cannot reach)",
    },
    "scaffold.no_nomor": {"id": "tidak ada nomor bebas lagi untuk pola {pattern}",
                          "en": "no free nomor left for the pattern {pattern}"},
}
