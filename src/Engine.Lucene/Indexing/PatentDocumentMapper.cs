using System.Security.Cryptography;
using Lucene.Net.Documents;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;

namespace PatentNav.Engine.Lucene.Indexing;

/// <summary>Turns a <see cref="PatentRecord"/> into the Lucene document layout (docs/architecture.md, fields).</summary>
internal static class PatentDocumentMapper
{
    public static Document ToDocument(PatentRecord record, out string contentHash)
    {
        var source = PatentJson.SerializeToUtf8(record);
        contentHash = ContentHash(source);
        var facts = IndexedFacts.Of(record);

        var doc = new Document
        {
            new StringField(LuceneFields.Id, record.Id, Field.Store.YES),
            // The tie-breaker of every sort (engine-neutral cursors); older segments without it are uninverted instead.
            new SortedDocValuesField(LuceneFields.Id, new(record.Id)),
            new StoredField(LuceneFields.Source, source),
            new StringField(LuceneFields.ContentHash, contentHash, Field.Store.NO),
        };

        AddText(doc, LuceneFields.Title, record.Title);
        AddText(doc, LuceneFields.Abstract, record.Abstract);
        AddText(doc, LuceneFields.Claims, facts.ClaimsText);
        AddText(doc, LuceneFields.Description, record.Description);
        AddText(doc, LuceneFields.Address, record.Address);

        foreach (var applicant in record.Applicants)
        {
            AddText(doc, LuceneFields.ApplicantText, applicant);
        }
        foreach (var key in facts.ApplicantKeys)
        {
            doc.Add(new StringField(LuceneFields.Applicant, key, Field.Store.NO));
        }
        foreach (var inventor in record.Inventors)
        {
            AddText(doc, LuceneFields.InventorText, inventor);
        }
        // The exact names the facet counts (CNIPA's 不公告发明人 is no one), so a listed inventor's filter finds its count.
        foreach (var inventor in facts.Inventors)
        {
            doc.Add(new StringField(LuceneFields.Inventor, inventor, Field.Store.NO));
        }

        foreach (var number in facts.PublicationNumbers)
        {
            AddKeyword(doc, LuceneFields.PublicationNumber, number);
        }
        AddKeyword(doc, LuceneFields.ApplicationNumber, record.ApplicationNumber);
        foreach (var level in facts.IpcLevels)
        {
            doc.Add(new StringField(LuceneFields.Ipc, level, Field.Store.NO));
        }
        foreach (var level in facts.MainIpcLevels)
        {
            doc.Add(new StringField(LuceneFields.MainIpc, level, Field.Store.NO));
        }
        doc.Add(new StringField(LuceneFields.Type, facts.Type, Field.Store.NO));
        doc.Add(new StringField(LuceneFields.LegalState, facts.LegalState, Field.Store.NO));
        AddKeyword(doc, LuceneFields.Office, facts.Office);
        foreach (var kind in facts.ApplicantKinds)
        {
            doc.Add(new StringField(LuceneFields.ApplicantKind, kind, Field.Store.NO));
        }
        foreach (var code in facts.RegionCodes)
        {
            doc.Add(new StringField(LuceneFields.Region, code, Field.Store.NO));
        }
        AddDate(doc, LuceneFields.ApplicationDate, facts.ApplicationDateKey);
        AddDate(doc, LuceneFields.PublicationDate, facts.PublicationDateKey);

        foreach (var facet in Enum.GetValues<FacetField>())
        {
            var field = LuceneFields.DocValuesFieldOf(facet);
            var multiValued = LuceneFields.IsMultiValued(facet);
            foreach (var value in facts.FacetValues(facet, record))
            {
                doc.Add(multiValued ? new SortedSetDocValuesField(field, new(value)) : new SortedDocValuesField(field, new(value)));
            }
        }

        if (record.Synthetic)
        {
            doc.Add(new StringField(LuceneFields.Synthetic, "true", Field.Store.NO));
        }
        return doc;
    }

    /// <summary>The layout version and the record's bytes: the same record under a newer layout is new content.</summary>
    private static string ContentHash(byte[] source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(LucenePatentIndex.DocumentLayoutVersion));
        hash.AppendData(source);
        return Convert.ToHexString(hash.GetHashAndReset(), 0, 16);
    }

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

    private static void AddDate(Document doc, string field, int? key)
    {
        if (key is not { } value)
        {
            return;
        }
        doc.Add(new Int32Field(field, value, Field.Store.NO));
        doc.Add(new NumericDocValuesField(field, value));
    }
}
