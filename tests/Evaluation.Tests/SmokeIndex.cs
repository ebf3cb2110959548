using PatentNav.Core.Ingestion;
using PatentNav.Core.Regions;
using PatentNav.Engine.Lucene;
using PatentNav.Ingestion.Pipeline;
using PatentNav.Ingestion.Readers;

namespace PatentNav.Evaluation.Tests;

/// <summary>An index of source files built the way the indexer builds it, in a temporary folder the test owns.</summary>
internal static class SmokeIndex
{
    public static LucenePatentIndex Build(string dir, IReadOnlyList<string> files)
    {
        var index = LucenePatentIndex.Open(dir);
        new IndexingPipeline(index, () => index.DocumentCount, new PatentRecordBuilder(RegionResolver.Default), index.Get)
            .Run(SourceReaders.ReadAll(files, CancellationToken.None), new IndexingOptions { BatchSize = 5000 });
        return index;
    }
}
