using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PatentNav.Core.Ingestion;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;
using PatentNav.Core.Regions;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Indexer;

/// <summary>Thrown when the scaler is asked to write where it must not (into the demo corpus or its source folder).</summary>
public sealed class CorpusScalerRefusedException(string message) : Exception(message);

/// <summary>
/// Makes large synthetic corpora (100k, 1M records) from the real demo text for speed measurements: titles, abstracts and
/// claims recombined from real sentences of records of the same IPC section, the real IPC distribution, Jinzhong and other
/// applicants with real division names, valid numbers and consistent dates and legal states. Every record is marked
/// <c>synthetic</c> and numbered in ranges no real CN number uses (publication serials starting 91/92, application serials
/// starting 9). Deterministic for a seed; streams record by record, so memory does not grow with the corpus size.
/// </summary>
public sealed class CorpusScaler
{
    private const string Sections = "ABCDEFGH";
    private const int MinSectionPool = 200;

    /// <summary>Legal states are judged against this fixed date, never the clock, so a seed gives the same bytes every day.</summary>
    private static readonly DateOnly ReferenceDate = new(2025, 6, 30);

    private static readonly string[] JinzhongCounties = ["榆次区", "太谷区", "榆社县", "左权县", "和顺县", "昔阳县", "寿阳县", "祁县", "平遥县", "灵石县", "介休市"];
    private static readonly string[] NameSyllables =
        ["鑫", "恒", "泰", "华", "润", "瑞", "丰", "宏", "源", "盛", "晟", "通", "达", "力", "晋", "汇", "德", "安", "博", "远", "中", "金", "凯", "众", "创", "嘉", "利", "昌", "兴", "宇"];
    private static readonly string[] Streets = ["迎宾街", "顺城街", "汇通路", "锦纶路", "文华街", "新建路", "工业园区", "经济技术开发区", "人民路", "建设路", "中心街", "高新区科技园"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "段", "雷", "侯", "武", "乔", "牛", "申", "温", "白", "郝"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "文", "辉", "建", "红", "鹏", "飞", "宁", "晓", "志", "国", "海", "波", "斌", "鑫", "宇", "浩", "凯", "佳", "琳", "晨", "阳", "雪", "婷", "慧", "俊", "峰", "亮", "成"];

    /// <summary>Industry words of generated company names, by IPC section.</summary>
    private static readonly string[][] Industries =
    [
        ["农业科技", "生物科技", "食品", "药业", "医疗器械"],
        ["液压机械", "机械制造", "重工机械", "装备制造", "铸造"],
        ["化工", "新材料科技", "冶金", "环保科技", "生物工程"],
        ["纺织", "纸业", "新材料科技", "纺织机械", "无纺布"],
        ["建筑工程", "煤业", "建设工程", "矿山工程", "建材"],
        ["能源装备", "热能科技", "机电设备", "动力机械", "新能源科技"],
        ["智能科技", "信息技术", "仪器仪表", "检测技术", "电子科技"],
        ["新能源科技", "电气", "电子科技", "光电科技", "电力设备"],
    ];

    private static readonly (string Name, string Address)[] JinzhongInstitutions =
    [
        ("山西农业大学", "山西省晋中市太谷区铭贤南路1号"),
        ("晋中学院", "山西省晋中市榆次区文华街199号"),
        ("山西中医药大学", "山西省晋中市榆次区大学街121号"),
        ("晋中信息学院", "山西省晋中市太谷区大学街"),
    ];

    private static readonly (string Name, string Address)[] ShanxiInstitutions =
    [
        ("太原理工大学", "山西省太原市万柏林区迎泽西大街79号"),
        ("中北大学", "山西省太原市尖草坪区学院路3号"),
        ("山西大学", "山西省太原市小店区坞城路92号"),
        ("太原科技大学", "山西省太原市万柏林区窊流路66号"),
    ];

    private static readonly (string Name, string Address)[] OtherInstitutions =
    [
        ("清华大学", "北京市海淀区清华园1号"),
        ("浙江大学", "浙江省杭州市西湖区余杭塘路866号"),
        ("华中科技大学", "湖北省武汉市洪山区珞喻路1037号"),
        ("西安交通大学", "陕西省西安市碑林区咸宁西路28号"),
        ("中国矿业大学", "江苏省徐州市泉山区大学路1号"),
        ("河南理工大学", "河南省焦作市山阳区世纪大道2001号"),
    ];

    private readonly List<string[]> _ipcTemplates;
    private readonly Dictionary<string, List<string>> _titlesBySubclass;
    private readonly List<string>[] _abstractSentences;
    private readonly List<string>[] _claimFeatures;
    private readonly List<string> _allTitles;
    private readonly List<(string Province, string? City, string County)> _otherCounties;
    private readonly List<(string Province, string? City, string County)> _shanxiCounties;

    private CorpusScaler(
        List<string[]> ipcTemplates,
        Dictionary<string, List<string>> titlesBySubclass,
        List<string>[] abstractSentences,
        List<string>[] claimFeatures,
        List<(string, string?, string)> otherCounties,
        List<(string, string?, string)> shanxiCounties)
    {
        _ipcTemplates = ipcTemplates;
        _titlesBySubclass = titlesBySubclass;
        _abstractSentences = abstractSentences;
        _claimFeatures = claimFeatures;
        _allTitles = [.. titlesBySubclass.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)];
        _otherCounties = otherCounties;
        _shanxiCounties = shanxiCounties;
    }

    /// <summary>Number of IPC templates (real records with IPC) the scaler samples from.</summary>
    public int IpcTemplateCount => _ipcTemplates.Count;

    /// <summary>
    /// Reads the source corpus (normally <c>data/demo</c>) through the same readers and normalisation as indexing, so the
    /// known source defects are repaired before any sentence is reused.
    /// </summary>
    public static CorpusScaler Load(string sourceFolder)
    {
        var builder = new PatentRecordBuilder(RegionResolver.Default);
        var ipcTemplates = new List<string[]>();
        var titlesBySubclass = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var textRecords = new List<(string? Title, string? Abstract, string? Claims)>();
        foreach (var result in SourceReaders.ReadAll([sourceFolder], CancellationToken.None))
        {
            if (result is not SourceReadResult.Record { Value: var source } || builder.Build(source).Record is not { } record)
            {
                continue;
            }
            var subclasses = record.Ipc.Where(i => i.Length >= 4).Select(i => i[..4]).Distinct(StringComparer.Ordinal).ToArray();
            if (subclasses.Length > 0)
            {
                ipcTemplates.Add(subclasses);
                if (record.Title is { Length: >= 4 and <= 60 } title)
                {
                    if (!titlesBySubclass.TryGetValue(subclasses[0], out var list))
                    {
                        titlesBySubclass[subclasses[0]] = list = [];
                    }
                    list.Add(title);
                }
            }
            else if (record.Abstract is not null || record.Claims is not null)
            {
                textRecords.Add((record.Title, record.Abstract, record.Claims));
            }
        }
        if (ipcTemplates.Count == 0 || textRecords.Count == 0)
        {
            throw new InvalidOperationException($"{sourceFolder} holds no records with IPC classes or no records with abstracts or claims to recombine.");
        }

        // The texts with abstracts and claims have no IPC: give each the IPC section its title words vote for,
        // from the character bigrams of the titles whose IPC is known.
        var classifier = SectionClassifier.Train(titlesBySubclass);
        var abstractSentences = NewPools();
        var claimFeatures = NewPools();
        foreach (var (title, abstractText, claims) in textRecords)
        {
            var section = classifier.Classify(title + " " + (abstractText is null ? "" : abstractText[..Math.Min(abstractText.Length, 200)]));
            if (abstractText is not null)
            {
                abstractSentences[section].AddRange(Sentences(abstractText).Where(s => s.Length is >= 8 and <= 160));
            }
            if (claims is not null)
            {
                claimFeatures[section].AddRange(ClaimFeatures(claims));
            }
        }

        var (others, shanxi) = LoadCounties();
        return new CorpusScaler(ipcTemplates, titlesBySubclass, abstractSentences, claimFeatures, others, shanxi);

        static List<string>[] NewPools() => [.. Enumerable.Range(0, Sections.Length).Select(_ => new List<string>())];
    }

    /// <summary>Refuses an output inside the source folder or inside any <c>data/demo</c> folder.</summary>
    public static void EnsureWritableTarget(string outputPath, string sourceFolder)
    {
        var output = Path.GetFullPath(outputPath);
        var directory = Path.GetDirectoryName(output) ?? output;
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceFolder));
        if (IsInside(directory, source))
        {
            throw new CorpusScalerRefusedException($"refusing to write synthetic records into the source corpus folder {source}");
        }
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (dir.Name == "demo" && dir.Parent?.Name == "data")
            {
                throw new CorpusScalerRefusedException($"refusing to write synthetic records into the demo corpus folder {dir.FullName}");
            }
        }

        static bool IsInside(string dir, string folder) =>
            string.Equals(Path.TrimEndingDirectorySeparator(dir), folder, StringComparison.Ordinal)
            || dir.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="count"/> records as canonical JSONL. <paramref name="progress"/> is called about every 5 s.</summary>
    public void Write(Stream output, long count, int seed, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var random = new Random(seed);
        var counters = new Counters();
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        using var buffered = new BufferedStream(output, 1 << 16);
        for (long i = 0; i < count; i++)
        {
            buffered.Write(PatentJson.SerializeToUtf8(Next(random, counters)));
            buffered.WriteByte((byte)'\n');
            if (progress is not null && clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                progress(i + 1);
            }
        }
        buffered.Flush();
    }

    private sealed class Counters
    {
        public long Invention;
        public long UtilityModel;
        /// <summary>Application serials per (year, type digit).</summary>
        public readonly int[] Application = new int[(2030 - 2000) * 10];
    }

    private PatentRecord Next(Random random, Counters counters)
    {
        var template = _ipcTemplates[random.Next(_ipcTemplates.Count)];
        var section = Math.Max(0, Sections.IndexOf(template[0][0], StringComparison.Ordinal));
        var ipc = template.Select(subclass => IpcSymbol(random, subclass)).ToArray();

        // Kinds as in the demo's publication numbers: about half inventions published (A), half utility models (U), some grants (B).
        var roll = random.Next(100);
        var (kind, type) = roll < 48 ? ("A", PatentType.Invention) : roll < 53 ? ("B", PatentType.Invention) : ("U", PatentType.UtilityModel);
        var typeDigit = type == PatentType.Invention ? 1 : 2;

        var applicationDate = new DateOnly(2005, 1, 1).AddDays(random.Next(new DateOnly(2024, 12, 31).DayNumber - new DateOnly(2005, 1, 1).DayNumber + 1));
        var publicationDate = applicationDate.AddMonths(type == PatentType.UtilityModel ? random.Next(6, 12) : random.Next(6, 18)).AddDays(random.Next(0, 28));

        var serialNumber = type == PatentType.Invention ? ++counters.Invention : ++counters.UtilityModel;
        var publication = string.Create(CultureInfo.InvariantCulture, $"CN9{typeDigit}{serialNumber:D7}{kind}");
        var bucket = (applicationDate.Year - 2000) * 10 + typeDigit;
        var appSerial = string.Create(CultureInfo.InvariantCulture, $"{applicationDate.Year}{typeDigit}{9_000_000 + counters.Application[bucket]++:D7}");
        var applicationNumber = appSerial + "." + ApplicationNumber.ComputeCheckDigit(appSerial);

        var (legalStatus, legalState) = LegalStatusOf(random, kind, applicationDate);
        var title = PickTitle(random, template[0]);
        var subject = title.StartsWith("一种", StringComparison.Ordinal) ? title[2..] : title;
        var (applicants, address) = Applicants(random, section);
        var granted = kind is "B" or "U";

        var record = new PatentRecord
        {
            Id = publication,
            PublicationNumber = publication,
            ApplicationNumber = applicationNumber,
            GrantNumber = granted ? publication : null,
            Type = type,
            KindCode = kind,
            Title = title,
            Abstract = Abstract(random, section, subject, type),
            Claims = Claims(random, section, subject),
            Ipc = ipc,
            MainIpc = ipc[0],
            Applicants = applicants,
            Inventors = Inventors(random),
            Address = address,
            ApplicationDate = applicationDate,
            PublicationDate = publicationDate,
            GrantDate = granted ? publicationDate : null,
            LegalState = legalState,
            LegalStatusText = legalStatus,
            Synthetic = true,
        };
        return record;
    }

    private static string IpcSymbol(Random random, string subclass)
    {
        var mainGroup = random.Next(10) < 3 ? random.Next(1, 10) : random.Next(1, 70);
        var subgroup = random.Next(4) == 0 ? "00" : random.Next(2) == 0
            ? (random.Next(1, 10) * 2).ToString("D2", CultureInfo.InvariantCulture)
            : random.Next(2, 100).ToString("D2", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{subclass}{mainGroup}/{subgroup}");
    }

    private static (string Text, LegalState State) LegalStatusOf(Random random, string kind, DateOnly applicationDate)
    {
        var roll = random.Next(100);
        switch (kind)
        {
            case "A":
                // Still examined when filed recently; otherwise mostly rejected or withdrawn (the granted ones are B records).
                if (applicationDate.AddYears(3) > ReferenceDate || roll < 10)
                {
                    return ("审中-实质审查", LegalState.Pending);
                }
                return roll < 55 ? ("无权-驳回", LegalState.NotInForce) : roll < 85 ? ("无权-视为撤回", LegalState.NotInForce) : ("无权-撤回", LegalState.NotInForce);
            default:
                var term = kind == "B" ? 20 : 10;
                if (applicationDate.AddYears(term) <= ReferenceDate)
                {
                    return roll < 60 ? ("无权-期限届满", LegalState.NotInForce) : ("无权-未缴年费终止", LegalState.NotInForce);
                }
                var lapseShare = (ReferenceDate.Year - applicationDate.Year) * 6;
                return roll < lapseShare ? ("无权-未缴年费终止", LegalState.NotInForce) : ("有权-审定授权", LegalState.InForce);
        }
    }

    private string PickTitle(Random random, string subclass)
    {
        var pool = _titlesBySubclass.TryGetValue(subclass, out var list) && list.Count > 0 ? list : _allTitles;
        return pool[random.Next(pool.Count)];
    }

    private static List<string> Pool(List<string>[] pools, int section)
    {
        var pool = pools[section];
        if (pool.Count >= MinSectionPool)
        {
            return pool;
        }
        // A thin section borrows from the richest one rather than repeating a handful of sentences.
        return pools.OrderByDescending(p => p.Count).First();
    }

    private string Abstract(Random random, int section, string subject, PatentType type)
    {
        var pool = Pool(_abstractSentences, section);
        var builder = new StringBuilder(type == PatentType.UtilityModel ? "本实用新型公开了一种" : "本发明公开了一种");
        builder.Append(subject).Append('。');
        var sentences = random.Next(2, 6);
        for (var i = 0; i < sentences; i++)
        {
            builder.Append(pool[random.Next(pool.Count)]).Append(i == sentences - 1 || random.Next(3) > 0 ? '。' : '；');
        }
        return builder.ToString();
    }

    private string Claims(Random random, int section, string subject)
    {
        var pool = Pool(_claimFeatures, section);
        var count = random.Next(10) switch
        {
            < 2 => random.Next(1, 4),
            < 8 => random.Next(4, 9),
            _ => random.Next(9, 16),
        };
        var builder = new StringBuilder();
        builder.Append("1.一种").Append(subject).Append("，其特征在于，");
        var features = random.Next(2, 5);
        for (var f = 0; f < features; f++)
        {
            builder.Append(pool[random.Next(pool.Count)]).Append(f == features - 1 ? '。' : '；');
        }
        for (var n = 2; n <= count; n++)
        {
            // Most dependent claims go back to claim 1, the rest to an earlier dependent claim.
            var parent = n == 2 || random.Next(10) < 6 ? 1 : random.Next(2, n);
            builder.Append('\n').Append(n.ToString(CultureInfo.InvariantCulture)).Append(".根据权利要求")
                .Append(parent.ToString(CultureInfo.InvariantCulture)).Append("所述的").Append(subject).Append("，其特征在于，")
                .Append(pool[random.Next(pool.Count)]).Append('。');
        }
        return builder.ToString();
    }

    private (string[] Applicants, string Address) Applicants(Random random, int section)
    {
        var roll = random.Next(100);
        (string Name, string Address) first;
        if (roll < 40)
        {
            first = random.Next(4) == 0 ? JinzhongInstitutions[random.Next(JinzhongInstitutions.Length)] : JinzhongCompany(random, section);
        }
        else if (roll < 55)
        {
            first = random.Next(3) == 0 ? ShanxiInstitutions[random.Next(ShanxiInstitutions.Length)] : Company(random, section, _shanxiCounties);
        }
        else
        {
            first = random.Next(8) == 0 ? OtherInstitutions[random.Next(OtherInstitutions.Length)] : Company(random, section, _otherCounties);
        }
        if (random.Next(10) == 0)
        {
            // Joint filings: a company with a university, or the reverse.
            var partner = first.Name.EndsWith("大学", StringComparison.Ordinal) || first.Name.EndsWith("学院", StringComparison.Ordinal)
                ? JinzhongCompany(random, section).Name
                : ShanxiInstitutions[random.Next(ShanxiInstitutions.Length)].Name;
            if (partner != first.Name)
            {
                return ([first.Name, partner], first.Address);
            }
        }
        return ([first.Name], first.Address);
    }

    private static string Brand(Random random)
    {
        var a = NameSyllables[random.Next(NameSyllables.Length)];
        string b;
        do
        {
            b = NameSyllables[random.Next(NameSyllables.Length)];
        }
        while (b == a);
        return a + b;
    }

    private static string Industry(Random random, int section) => Industries[section][random.Next(Industries[section].Length)];

    private static string StreetAddress(Random random) =>
        Streets[random.Next(Streets.Length)] + random.Next(1, 400).ToString(CultureInfo.InvariantCulture) + "号";

    private static (string Name, string Address) JinzhongCompany(Random random, int section)
    {
        var county = JinzhongCounties[random.Next(JinzhongCounties.Length)];
        var place = random.Next(3) switch
        {
            0 => "晋中",
            1 => "山西",
            _ => county.Length > 2 ? county[..^1] : county,
        };
        var suffix = random.Next(5) == 0 ? "股份有限公司" : "有限公司";
        return ($"{place}{Brand(random)}{Industry(random, section)}{suffix}", $"山西省晋中市{county}{StreetAddress(random)}");
    }

    private static (string Name, string Address) Company(Random random, int section, List<(string Province, string? City, string County)> counties)
    {
        var (province, city, county) = counties[random.Next(counties.Count)];
        var place = Short(city ?? province);
        var suffix = random.Next(5) == 0 ? "股份有限公司" : "有限公司";
        return ($"{place}{Brand(random)}{Industry(random, section)}{suffix}", $"{province}{city}{county}{StreetAddress(random)}");

        static string Short(string name)
        {
            foreach (var ending in (string[])["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "盟"])
            {
                if (name.EndsWith(ending, StringComparison.Ordinal) && name.Length > ending.Length + 1)
                {
                    return name[..^ending.Length];
                }
            }
            return name;
        }
    }

    private static string[] Inventors(Random random)
    {
        var count = random.Next(1, 6);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            var given = GivenChars[random.Next(GivenChars.Length)];
            if (random.Next(3) > 0)
            {
                given += GivenChars[random.Next(GivenChars.Length)];
            }
            names[i] = Surnames[random.Next(Surnames.Length)] + given;
        }
        return names;
    }

    private static IEnumerable<string> Sentences(string text) =>
        text.Split(['。', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Trim(' ', '，', ',', ';', '：'))
            .Where(s => s.Length > 0);

    /// <summary>Feature clauses of real claims: the text after 其特征在于 (or after the preamble), split into sentences.</summary>
    private static IEnumerable<string> ClaimFeatures(string claims)
    {
        foreach (var line in claims.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var body = line;
            var marker = body.IndexOf("其特征在于", StringComparison.Ordinal);
            if (marker >= 0)
            {
                body = body[(marker + "其特征在于".Length)..];
            }
            else if (body.IndexOf('，') is var comma and > 0)
            {
                body = body[(comma + 1)..];
            }
            foreach (var sentence in Sentences(body))
            {
                // Skip clauses that name claims: a reused back-reference would point at the wrong claim.
                if (sentence.Length is >= 8 and <= 160 && !sentence.Contains("权利要求", StringComparison.Ordinal)
                    && !char.IsAsciiDigit(sentence[0]))
                {
                    yield return sentence;
                }
            }
        }
    }

    private static (List<(string, string?, string)> Others, List<(string, string?, string)> Shanxi) LoadCounties()
    {
        using var stream = typeof(RegionResolver).Assembly.GetManifestResourceStream("PatentNav.Core.Resources.regions/divisions.csv")
            ?? throw new InvalidOperationException("The division table is missing from PatentNav.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = new List<(string Code, string Name, string Level, string Parent)>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length >= 4)
            {
                rows.Add((cells[0], cells[1], cells[2], cells[3]));
            }
        }
        var byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var others = new List<(string, string?, string)>();
        var shanxi = new List<(string, string?, string)>();
        foreach (var row in rows.Where(r => r.Level == "county"))
        {
            if (!byCode.TryGetValue(row.Parent, out var parent))
            {
                continue;
            }
            (string Province, string? City, string County) entry;
            if (parent.Level == "province")
            {
                entry = (parent.Name, null, row.Name);
            }
            else if (parent.Level == "city" && byCode.TryGetValue(parent.Parent, out var province))
            {
                entry = (province.Name, parent.Name, row.Name);
            }
            else
            {
                continue;
            }
            // County names reused inside a province (several 城区, 郊区) would make the county ambiguous; leave them out.
            if (row.Name is "城区" or "郊区" or "矿区" or "市辖区")
            {
                continue;
            }
            if (row.Code.StartsWith("14", StringComparison.Ordinal))
            {
                if (!row.Code.StartsWith("1407", StringComparison.Ordinal))
                {
                    shanxi.Add(entry);
                }
            }
            else
            {
                others.Add(entry);
            }
        }
        return (others, shanxi);
    }

    /// <summary>Assigns an IPC section to a text by the character bigrams of titles whose IPC is known.</summary>
    private sealed class SectionClassifier
    {
        private readonly Dictionary<string, int[]> _counts;
        private readonly double[] _priorWeights;

        private SectionClassifier(Dictionary<string, int[]> counts, double[] priorWeights)
        {
            _counts = counts;
            _priorWeights = priorWeights;
        }

        public static SectionClassifier Train(Dictionary<string, List<string>> titlesBySubclass)
        {
            var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
            var prior = new int[Sections.Length];
            foreach (var (subclass, titles) in titlesBySubclass)
            {
                var section = Sections.IndexOf(subclass[0], StringComparison.Ordinal);
                if (section < 0)
                {
                    continue;
                }
                foreach (var title in titles)
                {
                    prior[section]++;
                    foreach (var bigram in Bigrams(title).Distinct(StringComparer.Ordinal))
                    {
                        if (!counts.TryGetValue(bigram, out var c))
                        {
                            counts[bigram] = c = new int[Sections.Length];
                        }
                        c[section]++;
                    }
                }
            }
            var total = Math.Max(1, prior.Sum());
            return new SectionClassifier(counts, [.. prior.Select(p => 1.0 / Math.Sqrt(Math.Max(1, p) / (double)total))]);
        }

        public int Classify(string text)
        {
            var score = new double[Sections.Length];
            foreach (var bigram in Bigrams(text).Distinct(StringComparer.Ordinal))
            {
                if (_counts.TryGetValue(bigram, out var c) && c.Sum() is var sum and >= 3)
                {
                    for (var s = 0; s < score.Length; s++)
                    {
                        score[s] += (double)c[s] / sum;
                    }
                }
            }
            var best = 1; // B, the largest section, when nothing votes
            var bestScore = 0.0;
            for (var s = 0; s < score.Length; s++)
            {
                var weighted = score[s] * _priorWeights[s];
                if (weighted > bestScore)
                {
                    best = s;
                    bestScore = weighted;
                }
            }
            return best;
        }

        private static IEnumerable<string> Bigrams(string text)
        {
            for (var i = 0; i + 1 < text.Length; i++)
            {
                if (IsHan(text[i]) && IsHan(text[i + 1]))
                {
                    yield return text.Substring(i, 2);
                }
            }
        }

        private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
    }
}
