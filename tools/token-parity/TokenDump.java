import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Java Lucene reference tokens for the token-parity test (tests/Core.Tests/Analysis/TokenParityTests.cs).
 * Mirrors src/Core/Analysis/PatentAnalysis.cs: the same two chains and the same stop set.
 *
 * Usage: java TokenDump STOPWORDS_FILE SENTENCES_FILE OUTPUT_JSONL
 * Output: one JSON object per non-blank input line, in input order:
 * {"text": ..., "words": [...], "wordPositions": [...], "bigrams": [...], "bigramPositions": [...]}
 */
public final class TokenDump {
  private TokenDump() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: java TokenDump STOPWORDS_FILE SENTENCES_FILE OUTPUT_JSONL");
      System.exit(2);
    }
    CharArraySet stopWords = loadStopWords(Paths.get(args[0]));
    List<String> sentences = readLines(Paths.get(args[1]));
    int count = 0;
    try (Analyzer words = new SmartChineseAnalyzer(stopWords);
        Analyzer bigrams = new BigramAnalyzer(stopWords);
        Writer out = Files.newBufferedWriter(Paths.get(args[2]), StandardCharsets.UTF_8)) {
      for (String text : sentences) {
        // Blank lines are skipped on both sides (the C# test does the same).
        if (text.isBlank()) {
          continue;
        }
        List<String> wordTerms = new ArrayList<>();
        List<Integer> wordPositions = new ArrayList<>();
        analyze(words, text, wordTerms, wordPositions);
        List<String> bigramTerms = new ArrayList<>();
        List<Integer> bigramPositions = new ArrayList<>();
        analyze(bigrams, text, bigramTerms, bigramPositions);

        StringBuilder line = new StringBuilder(text.length() * 4);
        line.append("{\"text\": ");
        appendString(line, text);
        line.append(", \"words\": ");
        appendStrings(line, wordTerms);
        line.append(", \"wordPositions\": ");
        appendInts(line, wordPositions);
        line.append(", \"bigrams\": ");
        appendStrings(line, bigramTerms);
        line.append(", \"bigramPositions\": ");
        appendInts(line, bigramPositions);
        line.append("}\n"); // LF on every platform, so the fixture is byte-stable
        out.write(line.toString());
        count++;
      }
    }
    System.err.println("TokenDump: " + count + " sentences -> " + args[2]);
  }

  /** SmartCn's default stop set plus the patent list: '#' comments and blank lines ignored, as in PatentAnalysis.cs. */
  static CharArraySet loadStopWords(Path file) throws IOException {
    CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
    for (String line : readLines(file)) {
      line = line.strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        set.add(line);
      }
    }
    return CharArraySet.unmodifiableSet(set);
  }

  /** UTF-8 lines; a leading BOM is dropped because .NET's StreamReader drops it too. */
  static List<String> readLines(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      lines.set(0, lines.get(0).substring(1));
    }
    return lines;
  }

  /** Terms and absolute positions (sum of position increments, first token at increment - 1). */
  static void analyze(Analyzer analyzer, String text, List<String> terms, List<Integer> positions)
      throws IOException {
    try (TokenStream stream = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        terms.add(term.toString());
        positions.add(position);
      }
      stream.end();
    }
  }

  /** StandardTokenizer, CJKWidthFilter, LowerCaseFilter, CJKBigramFilter, StopFilter, as in PatentAnalysis.BigramAnalyzer. */
  static final class BigramAnalyzer extends Analyzer {
    private final CharArraySet stopWords;

    BigramAnalyzer(CharArraySet stopWords) {
      this.stopWords = stopWords;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new StandardTokenizer();
      TokenStream stream = new CJKWidthFilter(tokenizer);
      stream = new LowerCaseFilter(stream);
      stream = new CJKBigramFilter(stream);
      stream = new StopFilter(stream, stopWords);
      return new TokenStreamComponents(tokenizer, stream);
    }
  }

  static void appendStrings(StringBuilder sb, List<String> values) {
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      appendString(sb, values.get(i));
    }
    sb.append(']');
  }

  static void appendInts(StringBuilder sb, List<Integer> values) {
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values.get(i).intValue());
    }
    sb.append(']');
  }

  /** RFC 8259 string: quote, backslash and C0 controls escaped; everything else (CJK included) kept as UTF-8. */
  static void appendString(StringBuilder sb, String value) {
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        default:
          // C0 controls must be escaped; DEL and lone surrogates are escaped too so the file is always valid UTF-8.
          if (c < 0x20 || c == 0x7F || (Character.isSurrogate(c) && !isPairedSurrogate(value, i))) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static boolean isPairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
