using System.Security.Cryptography;
using Lucene.Net.Documents;
using PatentNav.Core.Model;
using PatentNav.Core.Normalization;

namespace PatentNav.Engine.Lucene.Indexing;

/// <summary>Turns a <see cref="PatentRecord"/> into the Lucene document layout of DESIGN.md §1.</summary>
internal static class PatentDocumentMapper
{
    public static Document ToDocument(PatentRecord record, out string contentHash)
    {
        var source = PatentJson.SerializeToUtf8(record);
        contentHash = Convert.ToHexString(SHA256.HashData(source), 0, 16);

        var doc = new Document
        {
            new StringField(LuceneFields.Id, record.Id, Field.Store.YES),
            new StoredField(LuceneFields.Source, source),
            new StringField(LuceneFields.ContentHash, contentHash, Field.Store.NO),
        };

        AddText(doc, LuceneFields.Title, record.Title);
        AddText(doc, LuceneFields.Abstract, record.Abstract);
        // Figure numerals stay in the stored claims for reading against drawings, but are not terms.
        AddText(doc, LuceneFields.Claims, record.Claims is null ? null : SourceArtefacts.RemoveFigureNumerals(record.Claims).Text);
        AddText(doc, LuceneFields.Description, record.Description);
        AddText(doc, LuceneFields.Address, record.Address);

        foreach (var applicant in record.Applicants)
        {
            AddText(doc, LuceneFields.ApplicantText, applicant);
            var key = ApplicantName.ToKey(applicant);
            doc.Add(new StringField(LuceneFields.Applicant, key, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(LuceneFields.DocValuesFieldOf(Core.Engine.FacetField.Applicant), new(key)));
        }
        foreach (var inventor in record.Inventors)
        {
            AddText(doc, LuceneFields.InventorText, inventor);
            doc.Add(new StringField(LuceneFields.Inventor, inventor, Field.Store.NO));
        }

        AddKeyword(doc, LuceneFields.PublicationNumber, record.PublicationNumber);
        AddKeyword(doc, LuceneFields.PublicationNumber, record.GrantNumber);
        AddKeyword(doc, LuceneFields.ApplicationNumber, record.ApplicationNumber);

        AddIpc(doc, record);

        var type = record.Type.ToString();
        doc.Add(new StringField(LuceneFields.Type, type, Field.Store.NO));
        doc.Add(new SortedDocValuesField(LuceneFields.DocValuesFieldOf(Core.Engine.FacetField.Type), new(type)));
        var legal = record.LegalState.ToString();
        doc.Add(new StringField(LuceneFields.LegalState, legal, Field.Store.NO));
        doc.Add(new SortedDocValuesField(LuceneFields.DocValuesFieldOf(Core.Engine.FacetField.LegalState), new(legal)));

        AddDate(doc, LuceneFields.ApplicationDate, Core.Engine.FacetField.ApplicationYear, record.ApplicationDate);
        AddDate(doc, LuceneFields.PublicationDate, Core.Engine.FacetField.PublicationYear, record.PublicationDate);

        AddRegion(doc, Core.Engine.FacetField.Province, record.Region?.ProvinceCode);
        AddRegion(doc, Core.Engine.FacetField.City, record.Region?.CityCode);
        AddRegion(doc, Core.Engine.FacetField.County, record.Region?.CountyCode);

        if (record.Synthetic)
        {
            doc.Add(new StringField(LuceneFields.Synthetic, "true", Field.Store.NO));
        }
        return doc;
    }

    /// <summary>yyyymmdd as an int: sortable, range-searchable and readable in a debugger.</summary>
    public static int DateKey(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    private static void AddText(Document doc, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        doc.Add(new TextField(field, text, Field.Store.NO));
        doc.Add(new TextField(LuceneFields.Bigram(field), text, Field.Store.NO));
    }

    private static void AddKeyword(Document doc, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            doc.Add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static void AddIpc(Document doc, PatentRecord record)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in record.Ipc)
        {
            if (IpcCode.Parse(symbol).Value is not { } code)
            {
                continue;
            }
            foreach (var level in code.Levels)
            {
                if (seen.Add(level))
                {
                    doc.Add(new StringField(LuceneFields.Ipc, level, Field.Store.NO));
                }
            }
            AddFacetValue(doc, Core.Engine.FacetField.IpcSection, code.Section, seen);
            AddFacetValue(doc, Core.Engine.FacetField.IpcClass, code.Class, seen);
            AddFacetValue(doc, Core.Engine.FacetField.IpcSubclass, code.Subclass, seen);
            AddFacetValue(doc, Core.Engine.FacetField.IpcMainGroup, code.MainGroup, seen);
        }

        var main = record.MainIpc ?? (record.Ipc.Count > 0 ? record.Ipc[0] : null);
        if (main is not null && IpcCode.Parse(main).Value is { } mainCode)
        {
            foreach (var level in mainCode.Levels)
            {
                doc.Add(new StringField(LuceneFields.MainIpc, level, Field.Store.NO));
            }
            doc.Add(new SortedDocValuesField(LuceneFields.DocValuesFieldOf(Core.Engine.FacetField.MainIpc), new(mainCode.Value)));
        }
    }

    private static void AddFacetValue(Document doc, Core.Engine.FacetField facet, string? value, HashSet<string> seen)
    {
        // The "facet:" prefix keeps the de-duplication of facet values apart from that of indexed terms.
        if (value is not null && seen.Add("facet:" + (int)facet + ":" + value))
        {
            doc.Add(new SortedSetDocValuesField(LuceneFields.DocValuesFieldOf(facet), new(value)));
        }
    }

    private static void AddDate(Document doc, string field, Core.Engine.FacetField yearFacet, DateOnly? date)
    {
        if (date is not { } value)
        {
            return;
        }
        var key = DateKey(value);
        doc.Add(new Int32Field(field, key, Field.Store.NO));
        doc.Add(new NumericDocValuesField(field, key));
        doc.Add(new SortedDocValuesField(LuceneFields.DocValuesFieldOf(yearFacet), new(value.Year.ToString("D4"))));
    }

    private static void AddRegion(Document doc, Core.Engine.FacetField facet, string? code)
    {
        if (code is null)
        {
            return;
        }
        doc.Add(new StringField(LuceneFields.Region, code, Field.Store.NO));
        doc.Add(new SortedDocValuesField(LuceneFields.DocValuesFieldOf(facet), new(code)));
    }
}
