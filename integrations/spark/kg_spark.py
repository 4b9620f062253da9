"""kg on Apache Spark: extract facts with `kg extract` on every partition, fold them in Spark.

    spark-submit --files target/release/kg integrations/spark/kg_spark.py INPUT OUT_DIR [options]

INPUT is a folder of *.txt files (read recursively), JSON Lines (--format jsonl) or Parquet
(--format parquet). OUT_DIR receives Parquet tables (documents, entities, edges, quotes,
sentences) and graph.json, the file every `kg` query reads and `kg export` turns into GraphML,
GEXF and DOT. The folding follows kg's graph builder (src/graph/builder.rs) step for step, so
graph.json equals what `kg build` writes for the same documents byte for byte; see README.md
here for what is folded where.

Everything that grows with the corpus stays in Spark: the driver only lists input files, runs
the loop that settles chains of near-duplicate copies (a few rounds), and concatenates the
graph.json parts the executors wrote.
"""

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
import urllib.parse

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

CO_OCCURS = "co_occurs"
# src/fingerprint.rs: 64 slots, bands of 4, copies from an estimated Jaccard similarity of 0.8.
SLOTS, ROWS, COPY_SIMILARITY = 64, 4, 0.8
# src/graph/builder.rs: how a discovered surname's cue names the people sharing it.
SHARED_SURNAME = "the surname of several people: "
ID_FIELDS = ["id", "url"]
DATE_FIELDS = ["date", "published", "date_publish"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", help="folder of *.txt, JSON Lines file(s)/folder, or Parquet")
    p.add_argument("out", help="output folder (tables and graph.json)")
    p.add_argument("--format", choices=["text", "jsonl", "parquet"], default="text")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default=None)
    p.add_argument("--date-field", default=None)
    p.add_argument("--max-evidence", type=int, default=100)
    p.add_argument("--keep-copies", action="store_true")
    p.add_argument("--partitions", type=int, default=0,
                   help="extraction partitions (0: from --docs-per-partition)")
    p.add_argument("--docs-per-partition", type=int, default=2000)
    p.add_argument("--kg", default="kg", help="the kg binary's name as shipped with --files")
    p.add_argument("--kg-threads", type=int, default=1, help="threads of each kg extract")
    p.add_argument("--kg-arg", action="append", default=[],
                   help="an argument for kg extract (repeatable), e.g. --kg-arg=--open-relations")
    return p.parse_args(argv)


# ---------------------------------------------------------------- reading documents

def day(value):
    """YYYY-MM-DD at the start of a date or timestamp, as src/jsonl.rs reads it."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    d = value[:10]
    ok = all((c == "-") if i in (4, 7) else ("0" <= c <= "9") for i, c in enumerate(d))
    if not ok or (len(value) > 10 and "0" <= value[10] <= "9"):
        return None
    return d


def fields_of(obj, args, fallback):
    """(name, date, text) of a JSON object or Parquet row, or None when it holds no text."""
    text = obj.get(args.text_field)
    if not isinstance(text, str):
        return None
    name = None
    for f in [args.id_field] if args.id_field else ID_FIELDS:
        v = obj.get(f)
        if isinstance(v, str) and v:
            name = v
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            name = str(v)
        if name is not None:
            break
    date = None
    for f in [args.date_field] if args.date_field else DATE_FIELDS:
        if f in obj:
            date = day(obj[f])
            break
    return (name or fallback, date, text)


def local_path(uri):
    parsed = urllib.parse.urlparse(uri)
    return urllib.parse.unquote(parsed.path) if parsed.scheme in ("", "file") else uri


def read_documents(spark, args):
    """DataFrame (ord, name, date, text) in kg's input order."""
    sc = spark.sparkContext
    schema = T.StructType([
        T.StructField("key", T.ArrayType(T.StringType())),
        T.StructField("line", T.LongType()),
        T.StructField("name", T.StringType()),
        T.StructField("date", T.StringType()),
        T.StructField("text", T.StringType()),
    ])
    given = args.input
    base = os.path.abspath(given) if "://" not in given else given.rstrip("/")
    if args.format == "text":
        files = (spark.read.format("binaryFile")
                 .option("recursiveFileLookup", "true")
                 .option("pathGlobFilter", "*.txt")
                 .load(given))

        def named(rows):
            for r in rows:
                path = local_path(r.path)
                rel = os.path.relpath(path, base) if os.path.isdir(base) else None
                name = os.path.join(given, rel) if rel and rel != "." else given
                # Invalid UTF-8 is replaced, as kg does (it also warns).
                text = bytes(r.content).decode("utf-8", errors="replace")
                yield (rel.split("/") if rel else [name], 0, name, None, text)

        docs = spark.createDataFrame(files.rdd.mapPartitions(named), schema)
    elif args.format == "jsonl":
        lines = (spark.read.text(given, lineSep="\n")
                 .withColumn("file", F.input_file_name()))
        # Line numbers per file: a window over each file in read order.
        lines = lines.withColumn("mono", F.monotonically_increasing_id())
        w = Window.partitionBy("file").orderBy("mono")
        lines = lines.withColumn("line", F.row_number().over(w))
        a = args

        def parsed(rows):
            for r in rows:
                path = local_path(r.file)
                name = path if "://" in path else (
                    os.path.join(given, os.path.relpath(path, base)) if os.path.isdir(base)
                    else given)
                raw = r.value
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                except ValueError:
                    continue  # kg warns about it; the job counts it below
                if not isinstance(obj, dict):
                    continue
                found = fields_of(obj, a, f"{name}:{r.line}")
                if found:
                    yield (name.split("/"), r.line, *found)

        docs = spark.createDataFrame(lines.rdd.mapPartitions(parsed), schema)
    else:
        table = spark.read.parquet(given).withColumn("mono", F.monotonically_increasing_id())
        a = args

        def rows_of(rows):
            for r in rows:
                d = r.asDict()
                found = fields_of(d, a, f"{given}:{d['mono']}")
                if found:
                    yield ([], d["mono"], *found)

        docs = spark.createDataFrame(table.rdd.mapPartitions(rows_of), schema)
    ordered = docs.orderBy("key", "line")
    indexed = ordered.rdd.zipWithIndex().map(lambda p: (p[1], p[0].name, p[0].date, p[0].text))
    return spark.createDataFrame(indexed, "ord long, name string, date string, text string")


# ---------------------------------------------------------------- extraction

def extract_partition(rows, kg_name, kg_args):
    """Pipes a partition's documents to `kg extract --jsonl -` and yields (ord, facts line)."""
    rows = list(rows)
    if not rows:
        return
    kg = SparkFiles.get(kg_name) if not os.path.isabs(kg_name) else kg_name
    if not os.path.exists(kg):
        kg = shutil.which(kg_name) or kg
    if os.path.exists(kg) and not os.access(kg, os.X_OK):
        os.chmod(kg, 0o755)
    proc = subprocess.Popen([kg, "extract", "--jsonl", "-", *kg_args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def feed():
        for r in rows:
            line = {"id": r.name, "text": r.text}
            if r.date is not None:
                line["date"] = r.date
            proc.stdin.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        proc.stdin.close()

    errors = []
    writer = threading.Thread(target=feed)
    reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()))
    writer.start()
    reader.start()
    # Facts come back in input order; a document kg skipped (a NUL byte) has no line, so each
    # line is matched to the next document of its name.
    i = 0
    for out in proc.stdout:
        name = json.loads(out)["doc"]
        while i < len(rows) and rows[i].name != name:
            i += 1
        if i == len(rows):
            raise RuntimeError(f"kg extract returned facts for an unknown document {name}")
        yield (rows[i].ord, out.decode())
    writer.join()
    reader.join()
    if proc.wait() != 0:
        raise RuntimeError("kg extract failed: " + b"".join(errors).decode(errors="replace"))


# ---------------------------------------------------------------- facts → rows

def normal_form(text):
    """A mention's text with runs of whitespace made one space (builder.rs `seen`)."""
    if "  " in text or any(c.isspace() and c != " " for c in text):
        return " ".join(text.split())
    return text


def qualifier_key(q):
    q = q or {}
    return (bool(q.get("negated")), bool(q.get("hedged")), q.get("attributed_to"), q.get("role"),
            q.get("demonym"), q.get("as"), q.get("via"), bool(q.get("open")), q.get("how"))


def qualifiers_json(q):
    """The qualifiers as kg serializes them (declared order, defaults left out), or None."""
    if not q:
        return None
    out = {}
    for k in ["negated", "hedged", "attributed_to", "role", "demonym", "as", "via", "open", "how"]:
        v = q.get(k)
        if v:
            out[k] = v
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")) if out else None


PIECE = "ord long, part int, doc string, date string, sentences int, fingerprint array<long>, mentions int"
ENTITY = ("ord long, part int, id string, name string, type string, aliases array<string>, "
          "confidence float, cues array<string>, latitude double, longitude double, "
          "country string, within array<string>")
MENTION = "ord long, part int, entity string, text string, sentence int"
RELATION = ("ord long, part int, source string, target string, relation string, negated boolean, "
            "open boolean, doc string, sentence int, start long, `end` long, text string, "
            "ss long, se long, ts long, te long, trig_s long, trig_e long, q_key array<string>, "
            "qualifiers string")


def facts_rows(pairs):
    """One facts line → rows of the four tables, tagged with their table."""
    for ord_, line in pairs:
        f = json.loads(line)
        part = f.get("part", 0)
        yield ("p", (ord_, part, f["doc"], f.get("date"), f["sentences"],
                     f.get("fingerprint") or [], len(f["mentions"])))
        for e in f["entities"]:
            yield ("e", (ord_, part, e["id"], e["name"], e["type"], e["aliases"],
                         e.get("confidence"), e.get("evidence") or [], e.get("latitude"),
                         e.get("longitude"), e.get("country"), e.get("within") or []))
        for m in f["mentions"]:
            yield ("m", (ord_, part, m["entity"], normal_form(m["text"]), m.get("sentence", 0)))
        for r in f["relations"]:
            ev = r["evidence"]
            q = ev.get("qualifiers") or {}
            src, tgt = r["source"], r["target"]
            ss, tt = ev["source_span"], ev["target_span"]
            # Co-occurrence runs from the smaller id to the larger (builder.rs `edge_of`).
            if r["relation"] == CO_OCCURS and src > tgt:
                src, tgt, ss, tt = tgt, src, tt, ss
            trig = ev.get("trigger")
            qk = qualifier_key(q)
            yield ("r", (ord_, part, src, tgt, r["relation"], bool(q.get("negated")),
                         bool(q.get("open")), ev["doc"], ev["sentence"], ev["start"], ev["end"],
                         ev["text"], ss["start"], ss["end"], tt["start"], tt["end"],
                         trig["start"] if trig else None, trig["end"] if trig else None,
                         ["1" if x is True else "0" if x is False else x for x in qk],
                         qualifiers_json(q)))


# ---------------------------------------------------------------- copies

def fold_copies(spark, pieces):
    """(ord, copy_of ord or null) of every document: the story each copy repeats, as
    builder.rs `original_of` decides it in input order. Candidates share a band of the
    fingerprint (locality-sensitive hashing); a document is a story when no earlier story is
    similar enough, a copy of the most similar one (the earliest on a tie) otherwise. The
    chains this leaves (a copy of a copy is not a story) settle in a few rounds."""
    all_firsts = pieces.where("part = 0 and size(fingerprint) = 64").select("ord", "fingerprint")
    # Identical fingerprints (exact copies, the bulk of a syndicated archive) collapse to their
    # earliest document first, so a story reprinted n times costs n rows, not n² pairs.
    groups = all_firsts.groupBy("fingerprint").agg(F.min("ord").alias("rep")).cache()
    firsts = groups.select(F.col("rep").alias("ord"), "fingerprint")
    members = (all_firsts.join(groups, "fingerprint").where("ord != rep").select("ord", "rep"))
    bands = firsts.select("ord", F.posexplode(
        F.transform(F.sequence(F.lit(0), F.lit(SLOTS // ROWS - 1)),
                    lambda b: F.slice("fingerprint", b * ROWS + 1, ROWS))).alias("band", "rows"))
    a, b = bands.alias("a"), bands.alias("b")
    pairs = (a.join(b, (F.col("a.band") == F.col("b.band")) & (F.col("a.rows") == F.col("b.rows"))
                    & (F.col("a.ord") > F.col("b.ord")))
             .select(F.col("a.ord").alias("doc"), F.col("b.ord").alias("earlier")).distinct())
    fa, fb = firsts.alias("fa"), firsts.alias("fb")
    pairs = (pairs.join(fa, F.col("doc") == F.col("fa.ord"))
             .join(fb, F.col("earlier") == F.col("fb.ord"))
             .select("doc", "earlier", (F.aggregate(
                 F.zip_with("fa.fingerprint", "fb.fingerprint",
                            lambda x, y: F.when(x == y, 1).otherwise(0)),
                 F.lit(0), lambda acc, x: acc + x) / F.lit(float(SLOTS))).alias("sim"))
             .where(F.col("sim") >= COPY_SIMILARITY)).localCheckpoint()
    # status: 1 story, 2 copy, 0 undecided. Documents with no earlier similar one are stories.
    status = (firsts.select("ord").join(pairs.select(F.col("doc").alias("ord")).distinct(),
                                        "ord", "left_anti")
              .withColumn("status", F.lit(1)).withColumn("copy_of", F.lit(None).cast("long")))
    pending = pairs.select(F.col("doc").alias("ord")).distinct()
    rounds = 0
    while pending.limit(1).count() > 0:
        rounds += 1
        known = status.select(F.col("ord").alias("earlier"), F.col("status").alias("es"))
        looked = pairs.join(pending.withColumnRenamed("ord", "doc"), "doc").join(
            known, "earlier", "left")
        verdict = looked.groupBy("doc").agg(
            F.sum(F.when(F.col("es").isNull(), 1).otherwise(0)).alias("open"),
            F.max(F.when(F.col("es") == 1, F.struct("sim", (-F.col("earlier")).alias("neg")))
                  ).alias("best"))
        settled = verdict.where("open = 0").select(
            F.col("doc").alias("ord"),
            F.when(F.col("best").isNull(), 1).otherwise(2).alias("status"),
            (-F.col("best.neg")).alias("copy_of"))
        settled = settled.localCheckpoint()
        if settled.limit(1).count() == 0:
            raise RuntimeError("copy chains did not settle")
        status = status.unionByName(settled).localCheckpoint()
        pending = pending.join(settled.select("ord"), "ord", "left_anti").localCheckpoint()
    # A later exact copy of a story copies it (similarity 1, and no earlier document has that
    # fingerprint); a later exact copy of a copy copies the best story before it that is
    # similar to the fingerprint, which need not be the one its first instance chose.
    status = status.localCheckpoint()
    reps = members.join(status.select(F.col("ord").alias("rep"), F.col("status").alias("rs")),
                        "rep")
    of_story = reps.where("rs = 1").select("ord", F.col("rep").alias("copy_of"))
    both = pairs.select("doc", "earlier", "sim").unionByName(
        pairs.select(F.col("earlier").alias("doc"), F.col("doc").alias("earlier"), "sim"))
    stories = status.where("status = 1").select(F.col("ord").alias("earlier"))
    of_copy = (reps.where("rs = 2").join(both, F.col("rep") == F.col("doc"))
               .join(stories, "earlier").where(F.col("earlier") < F.col("ord"))
               .groupBy("ord").agg(F.max(F.struct("sim", (-F.col("earlier")).alias("neg")))
                                    .alias("best"))
               .select("ord", (-F.col("best.neg")).alias("copy_of")))
    settled = status.select("ord", "copy_of").unionByName(of_story).unionByName(of_copy)
    return settled, rounds


# ---------------------------------------------------------------- JSON as kg writes it

def js(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def f32(x):
    """An f32 as serde_json prints it: the shortest decimal that reads back as the same f32."""
    x = struct.unpack("f", struct.pack("f", x))[0]
    for p in range(1, 10):
        s = f"{x:.{p}g}"
        if struct.unpack("f", struct.pack("f", float(s)))[0] == x:
            break
    return f64_text(float(s))


def f64_text(x):
    s = repr(float(x))
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp)}"
    return s


def g2(both, a, b, total):
    """src/graph/significance.rs `g2`, operation for operation."""
    import math
    n = float(max(total, max(a, b)))
    k11, a, b = float(both), float(a), float(b)
    cells = [(k11, a * b / n), (a - k11, a * (n - b) / n), (b - k11, (n - a) * b / n),
             (n - a - b + k11, (n - a) * (n - b) / n)]
    g = 0.0
    for k, e in cells:
        if k > 0.0 and e > 0.0:
            g += k * math.log(k / e)
    g *= 2.0
    signed = g if k11 >= a * b / n else -g
    v = signed * 1000.0
    # f64::round: half away from zero (abs(v) - floor is exact, so no double rounding).
    r = math.floor(abs(v))
    if abs(v) - r >= 0.5:
        r += 1.0
    return math.copysign(r, v) / 1000.0


# ---------------------------------------------------------------- the job

def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("kg").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    sc = spark.sparkContext
    out = args.out
    os.makedirs(out, exist_ok=True) if "://" not in out else None

    docs = read_documents(spark, args).cache()
    n_docs = docs.count()
    parts = args.partitions or max(sc.defaultParallelism,
                                   -(-n_docs // max(1, args.docs_per_partition)))
    kg_args = ["-j", str(args.kg_threads), *args.kg_arg]
    # Range partitions keep input order within and across partitions.
    facts = (docs.repartitionByRange(parts, "ord").sortWithinPartitions("ord").rdd
             .mapPartitions(lambda rows: extract_partition(rows, args.kg, kg_args)))
    rows = facts.mapPartitions(facts_rows).persist(StorageLevel.MEMORY_AND_DISK)

    def table(tag, schema):
        return spark.createDataFrame(rows.filter(lambda r: r[0] == tag).map(lambda r: r[1]),
                                     schema)

    pieces = table("p", PIECE).localCheckpoint()
    entities_raw = table("e", ENTITY)
    mentions_raw = table("m", MENTION)
    relations_raw = table("r", RELATION)

    # A piece's sentence numbers continue the previous pieces' (builder.rs `first_sentence`).
    w = Window.partitionBy("ord").orderBy("part")
    pieces = pieces.withColumn(
        "first_sentence", F.coalesce(F.sum("sentences").over(
            w.rowsBetween(Window.unboundedPreceding, -1)), F.lit(0)).cast("int"))
    first = pieces.select("ord", "part", "first_sentence")

    if args.keep_copies:
        copies = pieces.select("ord").distinct().withColumn("copy_of", F.lit(None).cast("long"))
        rounds = 0
    else:
        copies, rounds = fold_copies(spark, pieces)
    documents = (pieces.groupBy("ord").agg(
        F.min_by("doc", "part").alias("name"), F.min_by("date", "part").alias("date"),
        F.sum("mentions").cast("int").alias("mentions"),
        F.sum("sentences").cast("long").alias("sentences"))
        .join(copies, "ord", "left"))
    names = documents.select(F.col("ord").alias("copy_of"), F.col("name").alias("copy_of_name"))
    documents = (documents.join(names, "copy_of", "left")
                 .select("ord", "name", "date", "mentions", "sentences",
                         F.col("copy_of_name").alias("copy_of"),
                         F.col("copy_of").alias("copy_of_ord"))).localCheckpoint()
    story = documents.where("copy_of is null").select("ord", "date")
    total_sentences = story.join(documents.select("ord", "sentences"), "ord").agg(
        F.sum("sentences")).first()[0] or 0

    # ---- entities: one sense per corpus (builder.rs `add` and `finish`).
    ent = entities_raw.join(story, "ord")
    men = (mentions_raw.join(story.select("ord"), "ord").join(first, ["ord", "part"])
           .withColumn("s", F.col("first_sentence") + F.col("sentence")))
    kinds = ["PERSON", "ORG", "PLACE"]
    nodes = ent.groupBy("id").agg(
        F.min_by(F.struct("name", "type", "aliases", "latitude", "longitude", "country", "within"),
                 F.struct("ord", "part")).alias("first"),
        F.min("name").alias("min_name"),
        F.max("confidence").alias("confidence"),
        F.sort_array(F.array_distinct(F.flatten(F.collect_list("cues")))).alias("cues"),
        F.sort_array(F.array_distinct(F.flatten(F.collect_list("aliases")))).alias("all_aliases"),
        *[F.sum(F.when(F.col("type") == k, 1).otherwise(0)).alias(k) for k in kinds],
        F.countDistinct("ord").alias("documents"),
        F.min("date").alias("first_date"), F.max("date").alias("last_date"))
    discovered = F.col("confidence").isNotNull()
    best = F.greatest(*[F.col(k) for k in kinds])
    majority = (F.when(F.col("PERSON") == best, "PERSON").when(F.col("ORG") == best, "ORG")
                .otherwise("PLACE"))
    nodes = nodes.select(
        "id", discovered.alias("discovered"),
        F.when(discovered, F.col("min_name")).otherwise(F.col("first.name")).alias("name"),
        F.when(discovered, majority).otherwise(F.col("first.type")).alias("type"),
        F.when(discovered, F.col("all_aliases")).otherwise(F.col("first.aliases")).alias("aliases"),
        "confidence", "cues", "documents", "first_date", "last_date",
        # A place's point, country and containers, from the gazetteer (issue 25).
        F.col("first.latitude").alias("latitude"), F.col("first.longitude").alias("longitude"),
        F.col("first.country").alias("country"), F.col("first.within").alias("within"))
    mstats = men.groupBy("entity").agg(
        F.count("*").alias("mentions"),
        F.countDistinct("ord", "s").alias("sentences"),
        F.sort_array(F.collect_set("text")).alias("seen")).withColumnRenamed("entity", "id")
    nodes = (nodes.join(mstats, "id", "left")
             .fillna(0, ["mentions", "sentences"])
             .withColumn("seen", F.coalesce("seen", F.array().cast("array<string>")))).localCheckpoint()

    # ---- surnames: a discovered one-word name is the one person named in full with it
    # (builder.rs `link_surnames`).
    full = (nodes.where("type = 'PERSON' and mentions > 0 and name like '% %'")
            .withColumn("last", F.element_at(F.split("name", " "), -1))
            .groupBy("last").agg(F.sort_array(F.collect_list(F.struct("id", "name"))).alias("people")))
    short = nodes.where("discovered and name not like '% %' and type != 'ORG'").select(
        F.col("id").alias("short_id"), F.col("name").alias("short_name"))
    matched = short.join(full, F.col("short_name") == F.col("last"))
    rename = matched.where("size(people) = 1").select(
        "short_id", F.col("people")[0]["id"].alias("long_id"), "short_name").localCheckpoint()
    shared = matched.where("size(people) > 1").select(
        F.col("short_id").alias("id"),
        F.concat(F.lit(SHARED_SURNAME), F.array_join(F.transform("people", lambda p: p["name"]),
                                                     "; ")).alias("cue"))
    nodes = (nodes.join(shared, "id", "left")
             .withColumn("cues", F.when(F.col("cue").isNull(), F.col("cues")).otherwise(
                 F.sort_array(F.array_distinct(F.concat("cues", F.array("cue"))))))
             .drop("cue"))
    moved = nodes.join(rename.select(F.col("short_id").alias("id"), "long_id"), "id")
    into = moved.groupBy("long_id").agg(
        F.sum("mentions").alias("m_add"), F.sum("sentences").alias("s_add"),
        F.sum("documents").alias("d_add"), F.flatten(F.collect_list("seen")).alias("seen_add"),
        F.sort_array(F.collect_list(F.struct(F.col("id"), F.col("name")))).alias("names_add"),
        F.min("first_date").alias("f_add"), F.max("last_date").alias("l_add"))
    nodes = (nodes.join(rename.select(F.col("short_id").alias("id")), "id", "left_anti")
             .join(into.withColumnRenamed("long_id", "id"), "id", "left"))
    # Aliases gain the short names (in id order), unless there already; a discovered node's
    # aliases are sorted at the end.
    added = F.filter(F.transform(F.coalesce("names_add", F.array()), lambda s: s["name"]),
                     lambda n: ~F.array_contains("aliases", n))
    nodes = nodes.select(
        "id", "discovered", "name", "type", "confidence", "cues",
        F.when(F.col("discovered"), F.sort_array(F.array_distinct(F.concat("aliases", added))))
        .otherwise(F.concat("aliases", F.array_distinct(added))).alias("aliases"),
        (F.col("mentions") + F.coalesce("m_add", F.lit(0))).alias("mentions"),
        (F.col("sentences") + F.coalesce("s_add", F.lit(0))).alias("sentences"),
        (F.col("documents") + F.coalesce("d_add", F.lit(0))).alias("documents"),
        F.sort_array(F.array_distinct(F.concat("seen", F.coalesce(
            "seen_add", F.array().cast("array<string>"))))).alias("seen"),
        F.least("first_date", "f_add").alias("first_date"),
        F.greatest("last_date", "l_add").alias("last_date"),
        "latitude", "longitude", "country", "within").localCheckpoint()

    # ---- edges: per key (source, target, relation, negated), from the stories' relations.
    rel = (relations_raw.join(first, ["ord", "part"])
           .withColumn("sentence", F.col("sentence") + F.col("first_sentence"))
           .drop("first_sentence")
           .join(documents.select("ord", "date", "copy_of", "copy_of_ord"), "ord"))
    key = ["source", "target", "relation", "negated"]
    story_rel = rel.where("copy_of is null")
    per_key = story_rel.groupBy(*key).agg(
        F.count("*").alias("weight"), F.countDistinct("ord").alias("documents"),
        F.max(F.col("open").cast("int")).alias("open"),
        F.min("date").alias("first_date"), F.max("date").alias("last_date"),
        F.min("ord").alias("born"))
    # A copy's sentences join the evidence of edges the stories before it gave (`add_copy`).
    copy_rel = (rel.where("copy_of is not null")
                .join(per_key.select(*key, "born"), key)
                .where("born < ord").drop("born"))
    records = story_rel.unionByName(copy_rel)
    # Renamed ends (surnames): the edge moves, co-occurrence re-ordered, self-loops dropped.
    rn = rename.select("short_id", "long_id")
    r_src, r_tgt = rn.alias("rs"), rn.alias("rt")

    def renamed(df):
        df = (df.join(r_src, F.col("source") == F.col("rs.short_id"), "left")
              .join(r_tgt, F.col("target") == F.col("rt.short_id"), "left")
              .withColumn("moved", F.col("rs.long_id").isNotNull() | F.col("rt.long_id").isNotNull())
              .withColumn("source", F.coalesce("rs.long_id", "source"))
              .withColumn("target", F.coalesce("rt.long_id", "target"))
              .drop("short_id", "long_id"))
        df = df.where("source != target")
        swap = (F.col("relation") == CO_OCCURS) & (F.col("source") > F.col("target"))
        return df, swap

    per_key, swap = renamed(per_key)
    per_key = (per_key.withColumn("s2", F.when(swap, F.col("target")).otherwise(F.col("source")))
               .withColumn("target", F.when(swap, F.col("source")).otherwise(F.col("target")))
               .withColumn("source", F.col("s2")).drop("s2"))
    edges = per_key.groupBy(*key).agg(
        F.sum("weight").alias("weight"), F.sum("documents").alias("documents"),
        F.max("open").alias("open"),
        F.min("first_date").alias("first_date"), F.max("last_date").alias("last_date"))
    records, swap = renamed(records)
    records = records.select(
        *[c for c in records.columns if c not in ("source", "target", "ss", "se", "ts", "te")],
        F.when(swap, F.col("target")).otherwise(F.col("source")).alias("source"),
        F.when(swap, F.col("source")).otherwise(F.col("target")).alias("target"),
        F.when(swap, F.col("ts")).otherwise(F.col("ss")).alias("ss"),
        F.when(swap, F.col("te")).otherwise(F.col("se")).alias("se"),
        F.when(swap, F.col("ss")).otherwise(F.col("ts")).alias("ts"),
        F.when(swap, F.col("se")).otherwise(F.col("te")).alias("te"))
    # Each edge's first --max-evidence records in document order: a window, not a collect.
    order = ["doc", "sentence", "start", "end", "text", "ss", "se", "ts", "te",
             F.col("trig_s").asc_nulls_first(), "trig_e", F.col("q_key")[0], F.col("q_key")[1],
             F.col("q_key")[2].asc_nulls_first(), F.col("q_key")[3].asc_nulls_first(),
             F.col("q_key")[4].asc_nulls_first(), F.col("q_key")[5].asc_nulls_first(),
             F.col("q_key")[6].asc_nulls_first(), F.col("q_key")[7],
             F.col("q_key")[8].asc_nulls_first(), F.col("copy_of").asc_nulls_first()]
    w = Window.partitionBy(*key).orderBy(*order)
    quotes = (records.withColumn("rank", F.row_number().over(w))
              .where(F.col("rank") <= args.max_evidence)).localCheckpoint()

    # ---- significance (builder.rs `finish`, significance.rs `g2`) and the kept nodes.
    sent = nodes.select("id", "sentences")
    edges = (edges.join(sent.select(F.col("id").alias("source"), F.col("sentences").alias("a")),
                        "source", "left")
             .join(sent.select(F.col("id").alias("target"), F.col("sentences").alias("b")),
                   "target", "left"))
    g2_udf = F.udf(lambda k, a, b: None if a is None or b is None else g2(k, a, b, total_sentences),
                   "double")
    edges = edges.withColumn("significance", F.when(
        F.col("relation") == CO_OCCURS, g2_udf("weight", "a", "b"))).drop("a", "b").localCheckpoint()
    reached = edges.select(F.explode(F.array("source", "target")).alias("id")).distinct()
    nodes = (nodes.join(reached.withColumn("reached", F.lit(True)), "id", "left")
             .where("mentions > 0 or reached").drop("reached")).localCheckpoint()

    # ---- the tables.
    edge_rank = edges.select(*key).rdd.sortBy(lambda r: (r.source, r.target, r.relation, r.negated)) \
        .zipWithIndex().map(lambda p: (*p[0], p[1]))
    edge_rank = spark.createDataFrame(
        edge_rank, "source string, target string, relation string, negated boolean, edge long")
    quotes = quotes.join(edge_rank, key)
    first_use = quotes.groupBy("text").agg(F.min(F.struct("edge", "rank")).alias("at"))
    sentence_ids = first_use.rdd.sortBy(lambda r: (r.at.edge, r.at.rank)).zipWithIndex() \
        .map(lambda p: (p[0].text, p[1]))
    sentences = spark.createDataFrame(sentence_ids, "text string, id long").cache()
    doc_rank = documents.rdd.sortBy(
        lambda r: (r.name, r.date is not None, r.date or "", r.mentions,
                   r.copy_of is not None, r.copy_of or "")).zipWithIndex() \
        .map(lambda p: (p[0].name, p[0].date, p[0].mentions, p[0].copy_of, p[0].sentences, p[1]))
    doc_table = spark.createDataFrame(
        doc_rank, "name string, date string, mentions int, copy_of string, sentences long, "
                  "position long").cache()
    doc_index = doc_table.groupBy("name").agg(F.min("position").alias("doc_index"))
    quotes = (quotes.join(sentences.withColumnRenamed("id", "sentence_id"), "text")
              .join(doc_index.withColumnRenamed("name", "doc"), "doc")).localCheckpoint()

    doc_table.orderBy("position").write.mode("overwrite").parquet(f"{out}/documents")
    nodes.orderBy("id").write.mode("overwrite").parquet(f"{out}/entities")
    edges.join(edge_rank, key).orderBy("edge").write.mode("overwrite").parquet(f"{out}/edges")
    quotes.select("edge", "rank", *key, "doc", "doc_index", "sentence", "start", "end",
                  "sentence_id", "ss", "se", "ts", "te", "trig_s", "trig_e", "qualifiers",
                  "copy_of").orderBy("edge", "rank").write.mode("overwrite").parquet(f"{out}/quotes")
    sentences.orderBy("id").write.mode("overwrite").parquet(f"{out}/sentences")

    # ---- graph.json: each section's lines written in parallel parts, then joined in order.
    def doc_line(r):
        d = {"name": r.name}
        if r.date is not None:
            d["date"] = r.date
        d["mentions"] = r.mentions
        if r.copy_of is not None:
            d["copy_of"] = r.copy_of
        return js(d)

    def node_line(r):
        s = '{"id":%s,"name":%s,"type":%s,"aliases":%s' % (
            js(r.id), js(r.name), js(r.type), js(list(r.aliases)))
        if r.discovered:
            s += ',"discovered":true'
        if r.confidence is not None:
            s += ',"confidence":' + f32(r.confidence)
        if r.cues:
            s += ',"evidence":' + js(list(r.cues))
        s += ',"seen":%s,"mentions":%d,"documents":%d' % (js(list(r.seen)), r.mentions, r.documents)
        if r.first_date is not None:
            s += ',"dates":' + js([r.first_date, r.last_date])
        if r.latitude is not None:
            s += ',"latitude":%s,"longitude":%s' % (js(r.latitude), js(r.longitude))
        if r.country is not None:
            s += ',"country":' + js(r.country)
        if r.within:
            s += ',"within":' + js(list(r.within))
        return s + "}"

    def rel_span(a, b, start):
        return [a - start, b - start]

    def edge_lines(groups):
        for (edge, e), recs in groups:
            recs = sorted(recs, key=lambda q: q.rank)
            quotes_out = []
            for q in recs:
                src = rel_span(q.ss, q.se, q.start)
                tgt = rel_span(q.ts, q.te, q.start)
                trig = rel_span(q.trig_s, q.trig_e, q.start) if q.trig_s is not None else None
                place = [q.doc_index, q.sentence, q.start]
                k = (q.sentence_id, src, tgt, trig, q.qualifiers)
                for found in quotes_out:
                    if found[0] == k:
                        found[1].append(place)
                        break
                else:
                    quotes_out.append((k, [place]))
            parts_ = []
            for (sid, src, tgt, trig, qual), at in quotes_out:
                s = '{"sentence":%d,"source":%s,"target":%s' % (sid, js(src), js(tgt))
                if trig is not None:
                    s += ',"trigger":' + js(trig)
                if qual is not None:
                    s += ',"qualifiers":' + qual
                s += ',"at":' + js(at) + "}"
                parts_.append(s)
            s = '{"source":%s,"target":%s,"relation":%s,"directed":%s,"negated":%s' % (
                js(e.source), js(e.target), js(e.relation),
                "false" if e.relation == CO_OCCURS else "true", "true" if e.negated else "false")
            if e.open:
                s += ',"open":true'
            s += ',"weight":%d' % e.weight
            if e.significance is not None:
                s += ',"significance":' + f64_text(e.significance)
            s += ',"documents":%d' % e.documents
            if e.first_date is not None:
                s += ',"dates":' + js([e.first_date, e.last_date])
            s += ',"evidence":[' + ",".join(parts_) + "]}"
            yield (edge, s)

    tmp = f"{out}/_graph_parts"
    shutil.rmtree(tmp, ignore_errors=True)

    def write_section(name, keyed_lines):
        # keyed_lines: RDD of (sort key, line). Sorted into ordered part files in parallel.
        keyed_lines.sortByKey().map(lambda p: p[1]).saveAsTextFile(f"{tmp}/{name}")

    write_section("documents", doc_table.rdd.map(lambda r: (r.position, doc_line(r))))
    copy_groups = (doc_table.where("copy_of is not null").groupBy("copy_of")
                   .agg(F.sort_array(F.collect_list(F.struct("position", "name"))).alias("c")))
    has_copies = copy_groups.limit(1).count() > 0
    if has_copies:
        write_section("copies", copy_groups.rdd.map(
            lambda r: (r.copy_of, js([r.copy_of] + [c.name for c in r.c]))))
    write_section("nodes", nodes.rdd.map(lambda r: (r.id, node_line(r))))
    write_section("sentences", sentences.rdd.map(lambda r: (r.id, js(r.text))))
    e_full = edges.join(edge_rank, key)
    grouped = (e_full.rdd.map(lambda r: (r.edge, ("e", r)))
               .union(quotes.rdd.map(lambda q: (q.edge, ("q", q))))
               .groupByKey()
               .map(lambda p: ((p[0], next(x[1] for x in p[1] if x[0] == "e")),
                               [x[1] for x in p[1] if x[0] == "q"])))
    write_section("edges", grouped.mapPartitions(edge_lines))

    # Join the parts in order; the driver streams bytes, it never holds the graph.
    final = f"{out}/graph.json"
    staging = final + ".tmp"
    with open(staging, "wb") as g:
        g.write(b'{"version":2,\n')
        sections = ["documents"] + (["copies"] if has_copies else []) + [
            "nodes", "sentences", "edges"]
        for i, name in enumerate(sections):
            g.write(f'"{name}":['.encode())
            first_line = True
            folder = f"{tmp}/{name}"
            for part in sorted(p for p in os.listdir(folder) if p.startswith("part-")):
                with open(os.path.join(folder, part), "rb") as f:
                    for line in f:
                        g.write(b"\n" if first_line else b",\n")
                        g.write(line.rstrip(b"\n"))
                        first_line = False
            g.write(b"\n]")
            g.write(b"}\n" if i == len(sections) - 1 else b",\n")
    os.replace(staging, final)
    shutil.rmtree(tmp, ignore_errors=True)

    counts = {
        "documents": doc_table.count(), "copies": doc_table.where("copy_of is not null").count(),
        "entities": nodes.count(), "edges": edges.count(), "quotes": quotes.count(),
        "sentences": sentences.count(), "copy_rounds": rounds, "partitions": parts,
    }
    with open(f"{out}/counts.json", "w") as f:
        json.dump(counts, f, sort_keys=True)
        f.write("\n")
    print("kg_spark: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + f" -> {out}")
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
