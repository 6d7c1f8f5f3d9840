"""SC: the checks the model makes (required items, unknown keys, kinds, values, references): always errors."""

from sopc.lint.registry import builtin

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
