using PatentNav.Indexer;

return IndexerCli.Run(args);
