using System.Text.Json.Nodes;
using PatentNav.Core.Engine;
using PatentNav.Core.Model;

namespace PatentNav.Engine.Elasticsearch;

/// <summary>
/// A record as a cluster document: the facts of <see cref="IndexedFacts"/> under the mapping's field names, and the whole
/// record (in its canonical JSON) under <c>record</c>, stored but not indexed, so a get returns exactly what was written.
/// </summary>
internal static class EsDocumentMapper
{
    public static JsonObject ToDocument(PatentRecord record)
    {
        var facts = IndexedFacts.Of(record);
        var doc = new JsonObject
        {
            [EsFields.Id] = record.Id,
            [EsFields.Record] = JsonNode.Parse(PatentJson.SerializeToUtf8(record)),
        };
        Text(doc, EsFields.Title, record.Title);
        Text(doc, EsFields.Abstract, record.Abstract);
        Text(doc, EsFields.Claims, facts.ClaimsText);
        Text(doc, EsFields.Description, record.Description);
        Text(doc, EsFields.Address, record.Address);
        Values(doc, EsFields.ApplicantName, record.Applicants);
        Values(doc, EsFields.InventorName, record.Inventors);
        Values(doc, EsFields.Applicant, facts.ApplicantKeys);
        Values(doc, EsFields.Inventor, facts.Inventors);
        Values(doc, EsFields.PublicationNumber, facts.PublicationNumbers);
        Text(doc, EsFields.ApplicationNumber, record.ApplicationNumber);
        Number(doc, EsFields.ApplicationDate, facts.ApplicationDateKey);
        Number(doc, EsFields.PublicationDate, facts.PublicationDateKey);
        Number(doc, EsFields.ApplicationYear, facts.ApplicationYear);
        Number(doc, EsFields.PublicationYear, facts.PublicationYear);
        Values(doc, EsFields.Ipc, facts.IpcLevels);
        Values(doc, EsFields.MainIpc, facts.MainIpcLevels);
        Values(doc, EsFields.Region, facts.RegionCodes);
        foreach (var facet in Enum.GetValues<FacetField>().Where(f => !EsFields.IsNumeric(f)))
        {
            var field = EsFields.FacetFieldOf(facet);
            if (!doc.ContainsKey(field))
            {
                Values(doc, field, facts.FacetValues(facet, record));
            }
        }
        if (record.Synthetic)
        {
            doc[EsFields.Synthetic] = true;
        }
        return doc;
    }

    /// <summary>The record a document holds, as written.</summary>
    public static PatentRecord ToRecord(JsonObject source) =>
        PatentJson.Deserialize(System.Text.Encoding.UTF8.GetBytes((source[EsFields.Record] ?? throw new InvalidOperationException("The document has no stored record.")).ToJsonString()));

    private static void Text(JsonObject doc, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            doc[field] = value;
        }
    }

    private static void Values(JsonObject doc, string field, IEnumerable<string> values)
    {
        var array = new JsonArray([.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (JsonNode)JsonValue.Create(v))]);
        if (array.Count > 0)
        {
            doc[field] = array;
        }
    }

    private static void Number(JsonObject doc, string field, int? value)
    {
        if (value is { } number)
        {
            doc[field] = number;
        }
    }
}
