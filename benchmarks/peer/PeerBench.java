import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TotalHitCountCollector;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Java Lucene half of the peer benchmark (benchmarks/peer/run.sh). Indexes the Lucene documents PatentNav wrote
 * (flattened by patentnav-peerbench: one "KIND\tfield\tvalue" line per field, a blank line per document) with the
 * same analysis chains as src/Core/Analysis/PatentAnalysis.cs, then runs the exported queries in the same loops.
 *
 * Usage: java PeerBench STOPWORDS DOCS_TSV QUERIES_JSONL INDEX_DIR METRICS_JSON
 */
public final class PeerBench {
  private static final String[] TEXT_FIELDS = {"title", "abstract", "claims", "description", "applicant.text", "inventor.text", "address"};
  private static final int BATCH = 2000;

  private PeerBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("--query-only")) {
      // Query loops on an index an earlier run built and timed (run.sh --queries-only): its indexing figures are kept.
      Map<String, Object> metrics = new LinkedHashMap<>();
      Path earlier = Paths.get(args[3]);
      if (Files.exists(earlier)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> old = (Map<String, Object>) new Json(Files.readString(earlier, StandardCharsets.UTF_8)).value();
        for (String key : List.of("index_seconds", "index_docs", "index_mib", "index_threads")) {
          if (old.get(key) instanceof Number value) {
            // Counts stay integers (the JSON reader gives doubles).
            metrics.put(key, key.equals("index_seconds") || key.equals("index_mib") ? value : (Object) value.longValue());
          }
        }
      }
      try (Directory dir = FSDirectory.open(Paths.get(args[1]))) {
        queryLoops(dir, new BM25Similarity(), Paths.get(args[2]), metrics);
      }
      try (Writer out = Files.newBufferedWriter(Paths.get(args[3]), StandardCharsets.UTF_8)) {
        out.write(toJson(metrics));
      }
      return;
    }
    if (args.length != 6) {
      System.err.println("usage: java PeerBench STOPWORDS DOCS_TSV QUERIES_JSONL INDEX_DIR METRICS_JSON INDEX_THREADS");
      System.exit(2);
    }
    int indexThreads = Integer.parseInt(args[5]);
    CharArraySet stopWords = loadStopWords(Paths.get(args[0]));
    Map<String, Object> metrics = new LinkedHashMap<>();
    Path indexDir = Paths.get(args[3]);
    deleteTree(indexDir);

    Analyzer analyzer = createAnalyzer(stopWords);
    BM25Similarity similarity = new BM25Similarity(); // BM25 (k1 1.2, b 0.75), as PatentNav and Elasticsearch rank
    try (Directory dir = FSDirectory.open(indexDir)) {
      long start = System.nanoTime();
      int docs = index(dir, analyzer, similarity, Paths.get(args[1]), indexThreads);
      double seconds = (System.nanoTime() - start) / 1e9;
      metrics.put("index_seconds", round(seconds, 2));
      metrics.put("index_docs", docs);
      metrics.put("index_threads", indexThreads);
      metrics.put("index_mib", round(sizeOf(indexDir) / 1048576.0, 1));
      System.err.printf("java_lucene: indexed %d docs in %.1f s%n", docs, seconds);

      queryLoops(dir, similarity, Paths.get(args[2]), metrics);
    }
    try (Writer out = Files.newBufferedWriter(Paths.get(args[4]), StandardCharsets.UTF_8)) {
      out.write(toJson(metrics));
    }
  }

  /** The query loops on an index: exact totals as PatentNav counts them, plus Lucene 8's top-k path for reference. */
  static void queryLoops(Directory dir, BM25Similarity similarity, Path queries, Map<String, Object> metrics) throws IOException {
    List<String> lines = Files.readAllLines(queries, StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    Map<String, Object> header = (Map<String, Object>) new Json(lines.get(0)).value();
    int warmup = intOf(header.get("warmup"));
    // Warm-up lasts at least this long as well (PeerBench Program.cs, Loops.WarmupSeconds: tiered compilation).
    warmupSeconds = ((Number) header.get("warmupSeconds")).doubleValue();
    int measured = intOf(header.get("measured"));
    List<Query> expert = new ArrayList<>();
    List<Query> novelty = new ArrayList<>();
    int expertTop = 10;
    int noveltyTop = 50;
    for (String line : lines.subList(1, lines.size())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> q = (Map<String, Object>) new Json(line).value();
      @SuppressWarnings("unchecked")
      Query query = build((Map<String, Object>) q.get("query"));
      if ("expert".equals(q.get("kind"))) {
        expert.add(query);
        expertTop = intOf(q.get("top"));
      } else {
        novelty.add(query);
        noveltyTop = intOf(q.get("top"));
      }
    }

    System.gc(); // as PeerBench Program.cs does before its loops: start from a collected heap
    try (DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(similarity);
      metrics.put("expert_total_hits", totalHits(searcher, expert, expertTop));
      metrics.put("novelty_total_hits", totalHits(searcher, novelty, noveltyTop));
      final int et = expertTop;
      final int nt = noveltyTop;
      percentiles(metrics, "expert", loop(expert, q -> top(searcher, q, et), warmup, measured));
      percentiles(metrics, "novelty", loop(novelty, q -> top(searcher, q, nt), warmup, measured));
      FacetCounts first = facets(searcher);
      metrics.put("facet_total", first.total);
      metrics.put("facet_top_subclass", first.topSubclass());
      percentiles(metrics, "facet", loop(List.of(new MatchAllDocsQuery()), q -> facets(searcher).total,
          intOf(header.get("facetWarmup")), intOf(header.get("facetMeasured"))));
      // Reference only (no PatentNav counterpart, not a ratio row): the same queries when totals may stop at 1,000,
      // Lucene 8's default, which lets block-max WAND skip documents that cannot reach the top N.
      percentiles(metrics, "expert_topk", loop(expert, q -> topK(searcher, q, et), warmup, measured));
      percentiles(metrics, "novelty_topk", loop(novelty, q -> topK(searcher, q, nt), warmup, measured));
    }
  }

  // ---- indexing ----

  static int index(Directory dir, Analyzer analyzer, BM25Similarity similarity, Path docs, int threads) throws Exception {
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(128); // LuceneIndexOptions.RamBufferMb
    config.setSimilarity(similarity);
    int count = 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (IndexWriter writer = new IndexWriter(dir, config);
        BufferedReader in = Files.newBufferedReader(docs, StandardCharsets.UTF_8)) {
      List<Term> ids = new ArrayList<>(BATCH);
      List<Document> batch = new ArrayList<>(BATCH);
      Document doc = new Document();
      String id = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          // Upsert by id, as LucenePatentIndex.Upsert does; a durable commit per batch, as IndexingPipeline does,
          // with the batch split over the same number of writer threads.
          ids.add(new Term("id", id));
          batch.add(doc);
          doc = new Document();
          if (++count % BATCH == 0) {
            writeBatch(writer, pool, threads, ids, batch);
            writer.commit();
          }
          continue;
        }
        int a = line.indexOf('\t');
        int b = line.indexOf('\t', a + 1);
        String kind = line.substring(0, a);
        String name = line.substring(a + 1, b);
        String value = unescape(line.substring(b + 1));
        switch (kind) {
          case "T": doc.add(new TextField(name, value, Field.Store.NO)); break;
          case "S": doc.add(new StringField(name, value, Field.Store.NO)); break;
          case "SY":
            doc.add(new StringField(name, value, Field.Store.YES));
            if (name.equals("id")) {
              id = value;
            }
            break;
          case "B": doc.add(new StoredField(name, value.getBytes(StandardCharsets.UTF_8))); break;
          case "SS": doc.add(new SortedSetDocValuesField(name, new BytesRef(value))); break;
          case "SD": doc.add(new SortedDocValuesField(name, new BytesRef(value))); break;
          case "N": doc.add(new NumericDocValuesField(name, Long.parseLong(value))); break;
          case "I": doc.add(new IntPoint(name, Integer.parseInt(value))); break;
          default: throw new IOException("unknown field kind " + kind);
        }
      }
      writeBatch(writer, pool, threads, ids, batch);
      writer.commit();
    } finally {
      pool.shutdown();
    }
    return count;
  }

  /** Contiguous slices of the batch, one per thread, as LucenePatentIndex.Upsert partitions it. */
  static void writeBatch(IndexWriter writer, ExecutorService pool, int threads, List<Term> ids, List<Document> batch) throws Exception {
    int n = batch.size();
    List<Future<?>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) n * t / threads);
      int to = (int) ((long) n * (t + 1) / threads);
      parts.add(pool.submit(() -> {
        for (int i = from; i < to; i++) {
          writer.updateDocument(ids.get(i), batch.get(i));
        }
        return null;
      }));
    }
    for (Future<?> part : parts) {
      part.get();
    }
    ids.clear();
    batch.clear();
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- analysis, as PatentAnalysis.cs ----

  static Analyzer createAnalyzer(CharArraySet stopWords) {
    NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
    map.add("\r\n", " ");
    map.add("\n", " ");
    map.add("\r", " ");
    NormalizeCharMap lineBreaks = map.build();
    Analyzer words = new Analyzer() {
      @Override
      protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(lineBreaks, reader);
      }

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new HMMChineseTokenizer();
        TokenStream stream = new PorterStemFilter(tokenizer);
        stream = new StopFilter(stream, stopWords);
        return new TokenStreamComponents(tokenizer, stream);
      }
    };
    Analyzer bigrams = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(stream, stopWords);
        return new TokenStreamComponents(tokenizer, stream);
      }
    };
    Map<String, Analyzer> perField = new HashMap<>();
    for (String field : TEXT_FIELDS) {
      perField.put(field, words);
      perField.put(field + ".bg", bigrams);
    }
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
  }

  static CharArraySet loadStopWords(Path file) throws IOException {
    CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      line = line.replace("\uFEFF", "").strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        set.add(line);
      }
    }
    return CharArraySet.unmodifiableSet(set);
  }

  // ---- queries, rebuilt from the exported trees ----

  @SuppressWarnings("unchecked")
  static Query build(Map<String, Object> node) {
    String t = (String) node.get("t");
    Query q;
    switch (t) {
      case "bool": {
        // Lucene 8 has no coord factor; PatentNav's bool clauses with coord are noted in benchmarks/README.md.
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.setMinimumNumberShouldMatch(intOf(node.get("min")));
        for (Object c : (List<Object>) node.get("c")) {
          Map<String, Object> clause = (Map<String, Object>) c;
          b.add(build((Map<String, Object>) clause.get("q")), BooleanClause.Occur.valueOf((String) clause.get("o")));
        }
        q = b.build();
        break;
      }
      case "term": q = new org.apache.lucene.search.TermQuery(new Term((String) node.get("f"), (String) node.get("v"))); break;
      case "phrase": {
        PhraseQuery.Builder b = new PhraseQuery.Builder();
        b.setSlop(intOf(node.get("slop")));
        List<Object> terms = (List<Object>) node.get("terms");
        List<Object> pos = (List<Object>) node.get("pos");
        for (int i = 0; i < terms.size(); i++) {
          b.add(new Term((String) node.get("f"), (String) terms.get(i)), intOf(pos.get(i)));
        }
        q = b.build();
        break;
      }
      case "prefix": q = new PrefixQuery(new Term((String) node.get("f"), (String) node.get("v"))); break;
      case "wildcard": q = new WildcardQuery(new Term((String) node.get("f"), (String) node.get("v"))); break;
      case "all": q = new MatchAllDocsQuery(); break;
      case "filtered":
        q = new BooleanQuery.Builder()
            .add(build((Map<String, Object>) node.get("q")), BooleanClause.Occur.MUST)
            .add(build((Map<String, Object>) node.get("filter")), BooleanClause.Occur.FILTER)
            .build();
        break;
      default: throw new IllegalArgumentException("unknown query node " + t);
    }
    double boost = node.containsKey("b") ? ((Number) node.get("b")).doubleValue() : 1.0;
    return boost == 1.0 ? q : new BoostQuery(q, (float) boost);
  }

  // ---- loops ----

  static double warmupSeconds;

  interface Run {
    long run(Query q) throws IOException;
  }

  static long top(IndexSearcher searcher, Query q, int n) throws IOException {
    // Exact totals, as PatentNav reports them (no early termination by block-max WAND).
    TopScoreDocCollector collector = TopScoreDocCollector.create(n, Integer.MAX_VALUE);
    searcher.search(q, collector);
    return collector.getTotalHits();
  }

  static long topK(IndexSearcher searcher, Query q, int n) throws IOException {
    TopScoreDocCollector collector = TopScoreDocCollector.create(n, 1000);
    searcher.search(q, collector);
    return collector.getTotalHits();
  }

  static long totalHits(IndexSearcher searcher, List<Query> queries, int n) throws IOException {
    long sum = 0;
    for (Query q : queries) {
      sum += top(searcher, q, n);
    }
    return sum;
  }

  static List<Double> loop(List<Query> queries, Run run, int warmup, int measured) throws IOException {
    long sink = 0;
    long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
    for (int pass = 0; pass < warmup || System.nanoTime() < warmUntil; pass++) {
      for (Query q : queries) {
        sink += run.run(q);
      }
    }
    List<Double> samples = new ArrayList<>();
    for (int pass = 0; pass < measured; pass++) {
      for (Query q : queries) {
        long start = System.nanoTime();
        sink += run.run(q);
        samples.add((System.nanoTime() - start) / 1e6);
      }
    }
    if (sink == 42) {
      System.err.print("");
    }
    return samples;
  }

  static void percentiles(Map<String, Object> metrics, String name, List<Double> samples) {
    Collections.sort(samples);
    metrics.put(name + "_p50_ms", round(percentile(samples, 0.50), 3));
    metrics.put(name + "_p95_ms", round(percentile(samples, 0.95), 3));
  }

  static double percentile(List<Double> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  // ---- facets: IPC subclass (SortedSet) and type (Sorted) over every match, as FacetCollector.cs ----

  static final class FacetCounts extends SimpleCollector {
    final Map<String, Long> subclass = new HashMap<>();
    final Map<String, Long> type = new HashMap<>();
    long total;
    private SortedSetDocValues ss;
    private SortedDocValues sd;
    private int[] ssCounts;
    private int[] sdCounts;

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      flush();
      ss = DocValues.getSortedSet(context.reader(), "f.ipc.subclass");
      sd = DocValues.getSorted(context.reader(), "f.type");
      ssCounts = new int[(int) ss.getValueCount()];
      sdCounts = new int[sd.getValueCount()];
    }

    @Override
    public void collect(int doc) throws IOException {
      if (ss.advanceExact(doc)) {
        long ord;
        while ((ord = ss.nextOrd()) != SortedSetDocValues.NO_MORE_ORDS) {
          ssCounts[(int) ord]++;
        }
      }
      if (sd.advanceExact(doc)) {
        sdCounts[sd.ordValue()]++;
      }
    }

    void flush() throws IOException {
      if (ss == null) {
        return;
      }
      for (int ord = 0; ord < ssCounts.length; ord++) {
        if (ssCounts[ord] > 0) {
          subclass.merge(ss.lookupOrd(ord).utf8ToString(), (long) ssCounts[ord], Long::sum);
        }
      }
      for (int ord = 0; ord < sdCounts.length; ord++) {
        if (sdCounts[ord] > 0) {
          type.merge(sd.lookupOrd(ord).utf8ToString(), (long) sdCounts[ord], Long::sum);
        }
      }
      ss = null;
      sd = null;
    }

    List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
      List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
      entries.sort((x, y) -> x.getValue().equals(y.getValue()) ? x.getKey().compareTo(y.getKey()) : Long.compare(y.getValue(), x.getValue()));
      return entries.subList(0, Math.min(n, entries.size()));
    }

    String topSubclass() {
      List<Map.Entry<String, Long>> top = top(subclass, 1);
      return top.isEmpty() ? "" : top.get(0).getKey() + "=" + top.get(0).getValue();
    }
  }

  static FacetCounts facets(IndexSearcher searcher) throws IOException {
    FacetCounts counts = new FacetCounts();
    TotalHitCountCollector total = new TotalHitCountCollector();
    searcher.search(new MatchAllDocsQuery(), MultiCollector.wrap(total, counts));
    counts.flush();
    counts.total = total.getTotalHits();
    // Top 10 of each, as the engine's facet result holds.
    counts.top(counts.subclass, 10);
    counts.top(counts.type, 10);
    return counts;
  }

  // ---- small helpers ----

  static int intOf(Object o) {
    return ((Number) o).intValue();
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static long sizeOf(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Collections.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  static String toJson(Map<String, Object> map) {
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      sb.append("  \"").append(e.getKey()).append("\": ");
      Object v = e.getValue();
      if (v instanceof String) {
        sb.append('"').append(((String) v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        sb.append(v);
      }
      sb.append(++i < map.size() ? ",\n" : "\n");
    }
    return sb.append("}\n").toString();
  }

  /** Minimal JSON reader for the fixed query format: objects, arrays, strings (with \\u escapes), numbers, booleans, null. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        skip();
        if (s.charAt(i) == '}') {
          i++;
          return map;
        }
        while (true) {
          skip();
          String key = string();
          skip();
          expect(':');
          map.put(key, value());
          skip();
          if (s.charAt(i++) == '}') {
            return map;
          }
        }
      }
      if (c == '[') {
        List<Object> list = new ArrayList<>();
        i++;
        skip();
        if (s.charAt(i) == ']') {
          i++;
          return list;
        }
        while (true) {
          list.add(value());
          skip();
          if (s.charAt(i++) == ']') {
            return list;
          }
        }
      }
      if (c == '"') {
        return string();
      }
      if (s.startsWith("true", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      return Double.parseDouble(s.substring(start, i));
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: sb.append(e);
        }
      }
    }

    private void expect(char c) {
      if (s.charAt(i++) != c) {
        throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
      }
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
