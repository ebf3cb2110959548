using System.Text;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Ingestion.Tests.Readers;

public sealed class JsonSourceReaderTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [SharedDataFact("patents/kppatent-tac.jsonl")]
    public void The_shared_TAC_file_maps_its_source_names_and_leaves_null_numbers_out()
    {
        var diagnostics = new SourceReadDiagnostics();
        var results = TestData.ReadAll(new JsonSourceReader(diagnostics), TestData.Shared("patents/kppatent-tac.jsonl"));

        Assert.Equal(696, results.Count);
        var records = results.Select(r => r.Record()).ToList();
        Assert.Equal(667, records.Count(r => r.Get(SourceFields.PublicationNumber) is not null));
        var first = records[0];
        Assert.Equal(new SourceLocation(TestData.Shared("patents/kppatent-tac.jsonl"), 1), first.Location);
        Assert.Equal("CN113914863A", first.Get(SourceFields.PublicationNumber));
        Assert.Equal("CN113914863A", first.Get(SourceFields.Id));
        Assert.Equal("一种近水平薄矿体智能掘进机机械开采方法", first.Get(SourceFields.Title));
        Assert.StartsWith("1.一种近水平薄矿体智能掘进机机械开采方法", first.Get(SourceFields.Claims), StringComparison.Ordinal);
        Assert.True(first.GetAll(SourceFields.Keyphrases).Count > 1);

        var noNumber = records.Single(r => r.Get(SourceFields.Id) == "KP-TAC-0017");
        Assert.False(noNumber.Fields.ContainsKey(SourceFields.PublicationNumber));
        Assert.Equal(17, noNumber.Location.Line);
        Assert.Equal(6819, records.Sum(r => r.GetAll(SourceFields.Keyphrases).Count));
        Assert.Equal(696, diagnostics.Records);
        Assert.Empty(diagnostics.IgnoredFields);
    }

    [Fact]
    public void Members_map_case_insensitively_with_arrays_as_values_and_numbers_and_booleans_as_text()
    {
        var diagnostics = new SourceReadDiagnostics();
        var path = _scratch.Write("a.jsonl", """
            {"PUB_NO":"CN218751475U","Title":"一种无人机机载多功能盒","ipc":["B64U20/80","B64U101/30"],"applicants":"中科大数据研究院；另一家公司","serial":17,"synthetic":false,"priorityDate":20221202,"inventors":[null,"发明人01",2],"legalStatus":null,"vendorScore":0.5}
            """);

        var record = Assert.Single(TestData.ReadAll(new JsonSourceReader(diagnostics), path)).Record();

        Assert.Equal("CN218751475U", record.Get(SourceFields.PublicationNumber));
        Assert.Equal("一种无人机机载多功能盒", record.Get(SourceFields.Title));
        Assert.Equal(["B64U20/80", "B64U101/30"], record.GetAll(SourceFields.Ipc));
        Assert.Equal(["中科大数据研究院", "另一家公司"], record.GetAll(SourceFields.Applicants));
        Assert.Equal(["false"], record.GetAll(SourceFields.Synthetic));
        Assert.Equal(["20221202"], record.GetAll(SourceFields.PriorityDate));
        Assert.Equal(["发明人01", "2"], record.GetAll(SourceFields.Inventors));
        Assert.False(record.Fields.ContainsKey(SourceFields.LegalStatus));
        Assert.Equal(1, diagnostics.IgnoredFields["serial"]);
        Assert.Equal(1, diagnostics.IgnoredFields["vendorScore"]);
    }

    [Theory]
    [InlineData("""{"publicationNumber":"CN113914863A","title":["一种开采方法","另一个标题"]}""", "member 'title' is an array")]
    [InlineData("""{"publicationNumber":"CN113914863A","title":{"zh":"一种开采方法"}}""", "member 'title' is a JSON object")]
    [InlineData("""{"publicationNumber":"CN113914863A","title":"一种开采方法","applicants":[["甲公司"]]}""", "member 'applicants[0]' is a JSON array")]
    [InlineData("""{"publicationNumber":"CN113914863A","title":"一种开采方法","title":"另一个标题"}""", "invalid JSON")]
    public void A_member_of_the_wrong_shape_or_given_twice_makes_the_record_unreadable_with_the_reason(string line, string reason)
    {
        var path = _scratch.Write("shapes.jsonl", line);
        var result = Assert.Single(TestData.ReadAll(new JsonSourceReader(), path));
        var unreadable = Assert.IsType<SourceReadResult.Unreadable>(result).Value;
        Assert.Contains(reason, unreadable.Reason, StringComparison.Ordinal);
        Assert.Equal(1, unreadable.Location.Line);
    }

    [Fact]
    public void The_canonical_name_wins_over_a_source_alias_and_an_alias_fills_in_when_it_is_blank()
    {
        var path = _scratch.Write("a.jsonl", """
            {"pub_no":"CN1","publicationNumber":"CN2","abstract":"  ","摘要":"中文摘要"}

            """);

        var record = Assert.Single(TestData.ReadAll(new JsonSourceReader(), path)).Record();

        Assert.Equal(["CN2"], record.GetAll(SourceFields.PublicationNumber));
        Assert.Equal(["中文摘要"], record.GetAll(SourceFields.Abstract));
    }

    [Fact]
    public void Text_values_are_not_trimmed_or_otherwise_normalised()
    {
        var claims = "1.一种装置，其特征在于：\n2.根据权利要求1所述的装置。 ";
        var path = _scratch.Write("a.jsonl", $$"""{"id":"X-1","claims":{{System.Text.Json.JsonSerializer.Serialize(claims)}},"title":" 标题 "}""");

        var record = Assert.Single(TestData.ReadAll(new JsonSourceReader(), path)).Record();

        Assert.Equal(claims, record.Get(SourceFields.Claims));
        Assert.Equal(" 标题 ", record.Get(SourceFields.Title));
    }

    [Fact]
    public void Malformed_lines_become_unreadable_with_their_line_and_reason_while_good_lines_are_read()
    {
        var random = new Random(20240611);
        var garbage = new byte[300];
        random.NextBytes(garbage);
        garbage[0] = 0;
        garbage[150] = 0;
        garbage.AsSpan().Replace((byte)'\n', (byte)'x');
        var invalidUtf8 = Encoding.UTF8.GetBytes("""{"title":"一种""").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("""装置"}""")).ToArray();
        var hugeTitle = new string('锂', 5 * 1024 * 1024 / 3);

        var path = _scratch.File("mixed.jsonl");
        using (var stream = File.Create(path))
        {
            void Line(string text) => stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
            Line("""{"publicationNumber":"CN113914863A","title":"一种近水平薄矿体智能掘进机机械开采方法"}"""); // 1
            Line("""{"publicationNumber":"CN114232276A","title":"一种衣物处理装置的预约控制方法","""); // 2 broken
            Line("");                                                                                    // 3 blank
            Line("""[{"publicationNumber":"CN111185648A"}]""");                                          // 4 array
            stream.Write(garbage);                                                                       // 5 binary
            stream.Write("\n"u8);
            stream.Write(invalidUtf8);                                                                   // 6 invalid UTF-8
            stream.Write("\n"u8);
            Line("""{"title":"���������","abstract":"������"}""");                                       // 7 replacement characters
            Line("   \t");                                                                               // 8 blank
            Line("\"just a string\"");                                                                  // 9 scalar
            Line($$"""{"publicationNumber":"CN113132524A","title":"{{hugeTitle}}"}""");                  // 10 5 MB title
            Line("""{"id":"KP-A-0002","abstract":"一种用于液化和提纯高压乙烷供给流的装置和过程。"}""");          // 11
        }

        var diagnostics = new SourceReadDiagnostics();
        var results = TestData.ReadAll(new JsonSourceReader(diagnostics), path);

        Assert.Equal([1L, 2, 4, 5, 6, 7, 9, 10, 11], results.Select(r => r.Location.Line));
        Assert.Equal("CN113914863A", results[0].Record().Get(SourceFields.PublicationNumber));

        var broken = results[1].Unreadable();
        Assert.StartsWith("invalid JSON:", broken.Reason, StringComparison.Ordinal);
        Assert.Contains("一种衣物处理装置的预约控制方法", broken.OriginalText, StringComparison.Ordinal);

        Assert.Equal("not a JSON object: the record is a JSON array", results[2].Unreadable().Reason);
        Assert.Equal("binary data: NUL byte at byte 1 of the record", results[3].Unreadable().Reason);
        Assert.Equal("not UTF-8 text: invalid byte sequence at byte 17 of the record", results[4].Unreadable().Reason);
        Assert.Contains("一种", results[4].Unreadable().OriginalText, StringComparison.Ordinal);
        Assert.StartsWith("garbled text: 15 of its 15 non-ASCII characters are U+FFFD", results[5].Unreadable().Reason, StringComparison.Ordinal);
        Assert.Equal("not a JSON object: the record is a JSON string", results[6].Unreadable().Reason);

        var huge = results[7].Record();
        Assert.Equal(hugeTitle, huge.Get(SourceFields.Title));
        Assert.Contains(hugeTitle, huge.OriginalText, StringComparison.Ordinal);
        Assert.Equal("KP-A-0002", results[8].Record().Get(SourceFields.Id));

        Assert.Equal(3, diagnostics.Records);
        Assert.Equal(6, diagnostics.Unreadable);
        Assert.Equal(2, diagnostics.BlankLinesSkipped);
    }

    [Fact]
    public void Unreadable_binary_junk_keeps_only_the_head_of_its_text()
    {
        var junk = new byte[400_000];
        new Random(7).NextBytes(junk);
        junk.AsSpan().Replace((byte)'\n', (byte)0);
        var path = _scratch.Write("junk.jsonl", junk);

        var unreadable = Assert.Single(TestData.ReadAll(new JsonSourceReader(), path)).Unreadable();

        Assert.StartsWith("binary data: NUL byte", unreadable.Reason, StringComparison.Ordinal);
        Assert.True(unreadable.OriginalText.Length <= JsonRecordParser.MaxUnreadableChars + 100, unreadable.OriginalText.Length.ToString());
        Assert.EndsWith("[truncated: the record has 400000 bytes]", unreadable.OriginalText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_BOM_and_CRLF_line_endings_are_accepted_and_the_last_line_needs_no_newline()
    {
        var path = _scratch.Write("crlf.jsonl", [.. "\uFEFF"u8.ToArray(), .. Encoding.UTF8.GetBytes("{\"id\":\"A\"}\r\n\r\n{\"id\":\"B\"}")]);

        var results = TestData.ReadAll(new JsonSourceReader(), path);

        Assert.Equal(["A", "B"], results.Select(r => r.Record().Get(SourceFields.Id)));
        Assert.Equal([1L, 3], results.Select(r => r.Location.Line));
        Assert.Equal("{\"id\":\"A\"}", results[0].Record().OriginalText);
    }

    [Fact]
    public void A_json_file_holding_one_array_streams_its_elements_with_their_lines()
    {
        var path = _scratch.Write("export.json", """
            [
              {"publicationNumber": "CN1", "title": "含 ] 和 } 以及 \" 的标题"},
              {"publicationNumber": "CN2",
               "ipc": ["H01M10/0525", "H01M4/00"]},
              {"publicationNumber": "CN3", "title": },
              42,
              {"id": "X-4", "nested": {"a": [1, {"b": "]"}]}}
            ]
            """);

        var diagnostics = new SourceReadDiagnostics();
        var results = TestData.ReadAll(new JsonSourceReader(diagnostics), path);

        Assert.Equal([2L, 3, 5, 6, 7], results.Select(r => r.Location.Line));
        Assert.Equal("含 ] 和 } 以及 \" 的标题", results[0].Record().Get(SourceFields.Title));
        Assert.Equal(["H01M10/0525", "H01M4/00"], results[1].Record().GetAll(SourceFields.Ipc));
        Assert.StartsWith("invalid JSON:", results[2].Unreadable().Reason, StringComparison.Ordinal);
        Assert.Equal("not a JSON object: the record is a JSON number", results[3].Unreadable().Reason);
        Assert.Equal("X-4", results[4].Record().Get(SourceFields.Id));
        Assert.Equal(1, diagnostics.IgnoredFields["nested"]);
    }

    [Fact]
    public void A_truncated_json_array_reports_where_it_breaks_off()
    {
        var path = _scratch.Write("cut.json", "[{\"id\":\"A\"},\n{\"id\":\"B\", \"title\": \"未完");

        var results = TestData.ReadAll(new JsonSourceReader(), path);

        Assert.Equal("A", results[0].Record().Get(SourceFields.Id));
        var cut = results[1].Unreadable();
        Assert.Equal(2, cut.Location.Line);
        Assert.Contains("ends inside", cut.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_lines_file_with_a_json_extension_is_read_line_by_line()
    {
        var path = _scratch.Write("lines.json", "{\"id\":\"A\"}\n{\"id\":\"B\"}\n");

        Assert.Equal(["A", "B"], TestData.ReadAll(new JsonSourceReader(), path).Select(r => r.Record().Get(SourceFields.Id)));
    }

    [Fact]
    public void A_line_over_the_cap_is_skipped_to_its_end_keeping_only_its_head()
    {
        var bytes = Encoding.ASCII.GetBytes("short\n" + new string('x', 100) + "\nafter\r\nlast");
        var lines = new ByteLineReader(new MemoryStream(bytes), maxLineBytes: 16);
        var read = new List<(long Line, string Text, bool TooLong)>();
        while (lines.TryReadLine(out var line, out var tooLong))
        {
            read.Add((lines.LineNumber, Encoding.ASCII.GetString(line.Span), tooLong));
        }

        Assert.Equal([(1L, "short", false), (2, new string('x', 16), true), (3, "after", false), (4, "last", false)], read);
    }

    [Fact]
    public void Cancellation_stops_reading()
    {
        var path = _scratch.Write("two.jsonl", "{\"id\":\"A\"}\n{\"id\":\"B\"}\n");
        using var cts = new CancellationTokenSource();

        var results = new JsonSourceReader().Read(path, cts.Token);
        using var enumerator = results.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => enumerator.MoveNext());
    }
}

/// <summary>
/// Measures retained memory with GC.GetTotalMemory, which counts every thread's allocations: it runs alone, never beside
/// other test classes, so their allocations cannot make it fail.
/// </summary>
[Collection(IsolatedMemoryGroup.Name)]
public sealed class JsonSourceReaderMemoryTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Reading_is_lazy_and_streams_a_large_file_without_holding_it()
    {
        var path = _scratch.File("large.jsonl");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            for (var i = 0; i < 200_000; i++)
            {
                writer.WriteLine($$"""{"id":"S-{{i}}","abstract":"本发明公开了一种用于测试流式读取的装置，编号{{i}}，包括壳体和传感器。"}""");
            }
        }
        var fileBytes = new FileInfo(path).Length;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long during = 0;
        var count = 0;
        foreach (var result in new JsonSourceReader().Read(path, CancellationToken.None))
        {
            if (++count == 150_000)
            {
                during = GC.GetTotalMemory(forceFullCollection: true) - before;
            }
        }

        Assert.Equal(200_000, count);
        Assert.True(during < fileBytes / 4, $"{during} bytes held while reading a {fileBytes}-byte file");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedMemoryGroup
{
    public const string Name = "isolated memory measurement";
}
