using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace PatentNav.Engine.Elasticsearch;

/// <summary>Builds the client from <see cref="ElasticsearchOptions"/>: node pool, authentication, CA fingerprint, timeouts.</summary>
public static class ElasticsearchClientFactory
{
    /// <param name="invoker">A request invoker of the tests' own (a scripted cluster); null for real HTTP.</param>
    public static ElasticsearchClient Create(ElasticsearchOptions options, IRequestInvoker? invoker = null)
    {
        var nodes = options.Nodes;
        if (nodes.Count == 0)
        {
            throw new InvalidOperationException("PatentNav:Elasticsearch:Url names no node.");
        }
        NodePool pool = nodes.Count == 1 ? new SingleNodePool(nodes[0]) : new StaticNodePool(nodes);
        var settings = invoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, invoker);
        settings
            .DefaultIndex(options.IndexAlias)
            // The service's resilience pipeline owns retries and timeouts of reads; the transport only moves a request to
            // another node of a multi-node pool when one does not answer.
            .MaximumRetries(nodes.Count - 1)
            .RequestTimeout(TimeSpan.FromMilliseconds(Math.Max(options.ReadTimeoutMs, options.WriteTimeoutMs)))
            .ResponseHeadersToParse(new HeadersList("Retry-After"))
            .EnableHttpCompression();
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            settings.Authentication(new ApiKey(options.ApiKey));
        }
        else if (!string.IsNullOrWhiteSpace(options.Username))
        {
            settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        }
        if (!string.IsNullOrWhiteSpace(options.CertificateFingerprint))
        {
            settings.CertificateFingerprint(options.CertificateFingerprint);
        }
        return new ElasticsearchClient(settings);
    }
}
