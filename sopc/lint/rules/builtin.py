"""The checks the loader (SY) and the model (SC) make: always errors, and nothing is built from such a file."""

from sopc.diagnostics import Severity
from sopc.lint.registry import builtin

builtin("SY01", "yaml-sintaks", {"id": "Kesalahan sintaks YAML", "en": "YAML syntax error"}, """
    Berkas bukan YAML yang tersusun baik (atau memuat lebih dari satu dokumen).

    In English: The file is not well-formed YAML (or holds more than one document).

    Failing::

        nama: Pengelolaan Surat Masuk
        unit: [Sekretariat, Bagian Umum

    Passing::

        unit: [Sekretariat, Bagian Umum]
    """)
builtin("SY02", "kunci-ganda", {"id": "Kunci ditulis dua kali", "en": "Duplicate key"}, """
    Satu kunci muncul dua kali dalam satu pemetaan. Pembaca YAML diam-diam menyimpan nilai
    terakhir, sehingga nilai pertama hilang tanpa kabar; sopc melaporkan kunci kedua.

    In English: A key appears twice in one mapping. YAML loaders silently keep the last value, so the first
    one would vanish without a word; sopc reports the second key.

    Failing::

        waktu: 10 menit
        waktu: 15 menit

    Passing::

        waktu: 15 menit
    """)
builtin("SY03", "pengkodean", {"id": "Bukan teks UTF-8 yang sah", "en": "Not valid UTF-8 text"}, """
    Berkas bukan UTF-8 (atau UTF-16/32 dengan penanda urutan bita), atau memuat karakter kendali
    yang tidak diizinkan YAML. Simpan ulang sebagai UTF-8 di penyunting Anda.

    In English: The file is not UTF-8 (or UTF-16/32 with a byte-order mark), or holds control characters
    YAML does not allow. Save it again as UTF-8 in your editor.
    """)
builtin("SY04", "bukan-pemetaan", {"id": "Tingkat teratas bukan pemetaan", "en": "Top level is not a mapping"}, """
    Berkas SOP adalah satu pemetaan kunci (`sopc:`, `nomor:`, ...). Berkas kosong, daftar, atau
    teks polos di tingkat teratas bukan SOP.

    In English: A SOP file is one mapping of keys (`sopc:`, `nomor:`, ...). An empty file, a list or a bare
    text at the top level is not a SOP.

    Failing::

        - nomor: 001/SOP/2024

    Passing::

        nomor: 001/SOP/2024
    """)
builtin("SY05", "berkas-terlalu-besar", {"id": "Berkas terlalu besar", "en": "File too large"}, """
    Berkas lebih besar dari batas (1 MiB): tidak ada SOP nyata yang sebesar itu, dan membaca
    berkas yang sangat besar membebani waktu dan memori setiap jalannya CI.

    In English: The file is larger than the limit (1 MiB): no real SOP is, and reading a huge file would cost
    every CI run time and memory.
    """)
builtin("SY06", "struktur-berbahaya", {"id": "Struktur YAML ditolak", "en": "YAML structure rejected"}, """
    Susunan bersarang lebih dari 64 tingkat, alias yang merujuk dirinya sendiri, atau alias yang
    mengembang menjadi lebih dari 200.000 simpul (berkas "billion laughs"). Berkas ditolak sebelum
    menghabiskan memori.

    In English: Nesting deeper than 64 levels, an alias that refers to itself, or aliases that expand to more
    than 200,000 nodes (a "billion laughs" file). The file is rejected before it costs memory.
    """)
builtin("SY07", "tag-yaml", {"id": "Tag YAML tidak didukung", "en": "Unsupported YAML tag"}, """
    Tag eksplisit seperti `!!python/object` ditolak: SOP hanya memuat teks, daftar dan pemetaan,
    dan tidak ada tag yang dapat membuat sopc membangun objek. `!!str` diizinkan.

    In English: Explicit tags such as `!!python/object` are refused: a SOP holds text, lists and mappings
    only, and no tag can make sopc build an object. `!!str` is allowed.

    Failing::

        nama: !!python/object:os.system echo

    Passing::

        nama: Pengelolaan Surat Masuk
    """)
builtin("SY08", "berkas-tak-terbaca", {"id": "Berkas tidak dapat dibaca", "en": "File cannot be read"}, """
    Berkas tidak dapat dibuka (izin akses, tautan yang putus).

    In English: The file could not be opened (permissions, a broken link).
    """)
builtin("SC01", "kunci-wajib", {"id": "Kunci wajib belum ada", "en": "Required key missing"}, """
    Salah satu butir wajib tidak ada (setelah nilai bawaan repositori digabungkan): `sopc`,
    `nomor`, `nama`, `instansi`, `unit`, `tanggal.pembuatan`, `tanggal.efektif`, `disahkan_oleh`
    (`jabatan`, `nama`), `dasar_hukum`, `kualifikasi_pelaksana`, `keterkaitan`, `peralatan`,
    `peringatan`, `pencatatan`, `pelaksana`, `langkah`, dan `kegiatan` setiap langkah. Temuan
    menunjuk pemetaan yang seharusnya memuat kunci itu.

    In English: One of the required items is missing (after repository defaults are merged): `sopc`,
    `nomor`, `nama`, `instansi`, `unit`, `tanggal.pembuatan`, `tanggal.efektif`,
    `disahkan_oleh` (`jabatan`, `nama`), `dasar_hukum`, `kualifikasi_pelaksana`, `keterkaitan`,
    `peralatan`, `peringatan`, `pencatatan`, `pelaksana`, `langkah`, and each step's `kegiatan`.
    The finding points at the mapping that should hold the key.

    Failing::

        tanggal:
          pembuatan: 2024-01-10

    Passing::

        tanggal:
          pembuatan: 2024-01-10
          efektif: 2024-02-01
    """)
builtin("SC02", "kunci-tidak-dikenal", {"id": "Kunci tidak dikenal", "en": "Unknown key"}, """
    Kunci yang tidak ada dalam format. Salah ketik tidak boleh hilang diam-diam, jadi ini galat,
    dengan saran kunci terdekat yang dikenal.

    In English: A key the format does not have. A typo must not silently vanish, so it is an error, with
    the nearest known key suggested.

    Failing::

        wakut: 10 menit

    Passing::

        waktu: 10 menit
    """)
builtin("SC03", "jenis-nilai", {"id": "Jenis nilai salah", "en": "Wrong kind of value"}, """
    Nilai dengan jenis yang salah: daftar di tempat teks, pemetaan di tempat daftar, dan
    sebagainya.

    In English: A value of the wrong kind: a list where text is expected, a mapping where a list is, ...

    Failing::

        disahkan_oleh: Kepala Biro Umum

    Passing::

        disahkan_oleh:
          jabatan: Kepala Biro Umum
          nama: Drs. Ahmad Fauzi
    """)
builtin("SC04", "nilai-tidak-sah", {"id": "Nilai tidak sah", "en": "Invalid value"}, """
    Nilai dengan jenis yang benar tetapi tidak diterima format: tanggal yang bukan YYYY-MM-DD,
    `jenis` selain `teknis`/`administratif`, `label` keputusan yang bukan dua teks, id yang
    mengandung spasi, versi format selain 1.

    In English: A value of the right kind that the format does not accept: a date that is not YYYY-MM-DD,
    a `jenis` other than `teknis`/`administratif`, a decision `label` that is not two texts,
    an id with spaces, a format version other than 1.

    Failing::

        tanggal:
          pembuatan: 10-01-2024

    Passing::

        tanggal:
          pembuatan: 2024-01-10
    """)
builtin("SC05", "rujukan-tidak-sah", {"id": "Rujukan tidak sah", "en": "Invalid reference"}, """
    Rujukan di dalam SOP yang tidak ditemukan: langkah menyebut pelaksana yang tidak dinyatakan di
    `pelaksana`, `lanjut`/`ya`/`tidak` tidak menyebut langkah mana pun, dua pelaksana atau langkah
    memakai id yang sama, keputusan menyebut beberapa pelaksana atau memakai `lanjut`.

    In English: A reference inside the SOP that does not resolve: a step names an actor not declared in
    `pelaksana`, a `lanjut`/`ya`/`tidak` names no step, two actors or steps share an id, a
    decision names several actors or uses `lanjut`.

    Failing::

        pelaksana: [kabag]
        langkah:
          - kegiatan: Memeriksa surat
            pelaksana: sekretaris

    Passing::

        pelaksana: [kabag, sekretaris]
    """)
builtin("SC06", "tidak-boleh-kosong", {"id": "Nilai tidak boleh kosong", "en": "Value must not be empty"}, """
    `pelaksana` dan `langkah` memerlukan paling sedikit satu butir; `nama`, `instansi` dan setiap
    `kegiatan` memerlukan teks.

    In English: `pelaksana` and `langkah` need at least one entry; `nama`, `instansi` and each `kegiatan`
    need text.

    Failing::

        langkah: []
    """)
builtin("SY09", "karakter-tak-sah",
        {"id": "Karakter yang tidak boleh dicetak", "en": "Characters that cannot be printed"}, """
    Teks memuat karakter yang tidak dapat dibawa XML 1.0, dan karena itu DOCX dan SVG: karakter
    kendali yang ditulis sebagai escape dalam tanda kutip ganda (`"\\x01"`), surrogate tunggal,
    U+FFFE, U+FFFF. Karakter itu dibuang agar dokumen tetap sah; peringatan menyebut teks pertama
    seperti itu dalam berkas.

    In English: A text holds characters that XML 1.0, and so DOCX and SVG, cannot carry: control characters
    written as escapes in double quotes (`"\\x01"`), lone surrogates, U+FFFE, U+FFFF. They are
    removed, so the documents stay valid; the warning names the first such text of the file.

    Failing::

        kegiatan: "Menerima\\x07 berkas"

    Passing::

        kegiatan: Menerima berkas
    """, Severity.WARNING)
builtin("SY10", "batas-terlampaui", {"id": "Batas ukuran terlampaui", "en": "Size limit exceeded"}, """
    Langkah (`langkah`, batas bawaan 2.000) atau pelaksana (`pelaksana`, 60) lebih banyak dari
    batas, atau satu teks lebih panjang dari 5.000 karakter. Tidak ada SOP nyata yang mendekatinya;
    berkas yang melampauinya ditolak sebelum menghabiskan waktu atau memori. Repositori dapat
    mengubah batas di `[limits]` pada sopc.toml (`max_steps`, `max_actors`, `max_text`,
    `max_bytes`, `max_depth`, `max_nodes`).

    In English: More steps (`langkah`, default limit 2,000) or actors (`pelaksana`, 60) than the limits
    allow, or one text longer than 5,000 characters. No real SOP comes near them; a file that
    does is refused before it costs time or memory. A repository can change the limits under
    `[limits]` in sopc.toml (`max_steps`, `max_actors`, `max_text`, `max_bytes`, `max_depth`,
    `max_nodes`).
    """)
