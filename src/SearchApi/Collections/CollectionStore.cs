using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PatentNav.SearchApi.Collections;

/// <summary>A named collection (专利池, 专题库): a saved query, pinned and excluded patents, a description and an owner.</summary>
/// <param name="Version">Increments on every change; an update names the version it read, so concurrent edits cannot overwrite each other.</param>
public sealed record PatentPool(string Id, string Name, string? Description, string? Owner, string? Query,
    IReadOnlyList<string> Pinned, IReadOnlyList<string> Excluded, long Version, DateTimeOffset Created, DateTimeOffset Updated);

/// <summary>What a caller sends to create or replace a collection (already validated).</summary>
public sealed record CollectionDraft(string Name, string? Description, string? Owner, string? Query, IReadOnlyList<string> Pinned, IReadOnlyList<string> Excluded);

public enum CollectionWrite
{
    Done,
    NotFound,
    /// <summary>The collection changed since the version the caller read.</summary>
    VersionConflict,
    /// <summary>Another collection has that name.</summary>
    NameTaken,
}

/// <summary>
/// Collections are user data, so they live in a real embedded database (SQLite through Microsoft.Data.Sqlite) beside the
/// index: write-ahead logging with full synchronisation, so a committed change survives a killed process or a power
/// cut, and every change is one transaction that checks the version it replaces.
/// </summary>
public sealed class CollectionStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _clock;

    private readonly string _path;
    private readonly Lazy<bool> _schema;

    /// <remarks>The file is created on first use, not here: a service whose data folder is unusable still starts and says so.</remarks>
    public CollectionStore(string path, TimeProvider clock)
    {
        _clock = clock;
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        _schema = new Lazy<bool>(CreateSchema, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private bool CreateSchema()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        using var connection = OpenConnection();
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS collections (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT, owner TEXT, query TEXT,
                version INTEGER NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS members (
                collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                number TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('pinned', 'excluded')), position INTEGER NOT NULL,
                PRIMARY KEY (collection_id, kind, number));
            """);
        return true;
    }

    public IReadOnlyList<PatentPool> List()
    {
        using var connection = Open();
        var ids = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id FROM collections ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }
        return [.. ids.Select(id => Read(connection, null, id)).OfType<PatentPool>()];
    }

    public PatentPool? Get(string id)
    {
        using var connection = Open();
        return Read(connection, null, id);
    }

    public (CollectionWrite Result, PatentPool? Collection) Create(CollectionDraft draft)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (NameOwner(connection, transaction, draft.Name) is not null)
        {
            return (CollectionWrite.NameTaken, null);
        }
        var id = Guid.NewGuid().ToString("N")[..12];
        var now = Now();
        Execute(connection, transaction, "INSERT INTO collections (id, name, description, owner, query, version, created, updated) VALUES ($id, $name, $description, $owner, $query, 1, $now, $now)",
            ("$id", id), ("$name", draft.Name), ("$description", draft.Description), ("$owner", draft.Owner), ("$query", draft.Query), ("$now", now));
        WriteMembers(connection, transaction, id, draft);
        transaction.Commit();
        return (CollectionWrite.Done, Get(id));
    }

    /// <summary>Replaces a collection if it is still at <paramref name="expectedVersion"/>.</summary>
    public (CollectionWrite Result, PatentPool? Collection) Update(string id, CollectionDraft draft, long expectedVersion)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Read(connection, transaction, id);
        if (current is null)
        {
            return (CollectionWrite.NotFound, null);
        }
        if (current.Version != expectedVersion)
        {
            return (CollectionWrite.VersionConflict, current);
        }
        if (NameOwner(connection, transaction, draft.Name) is { } owner && owner != id)
        {
            return (CollectionWrite.NameTaken, current);
        }
        Execute(connection, transaction, "UPDATE collections SET name = $name, description = $description, owner = $owner, query = $query, version = version + 1, updated = $now WHERE id = $id AND version = $version",
            ("$id", id), ("$name", draft.Name), ("$description", draft.Description), ("$owner", draft.Owner), ("$query", draft.Query), ("$now", Now()), ("$version", expectedVersion));
        Execute(connection, transaction, "DELETE FROM members WHERE collection_id = $id", ("$id", id));
        WriteMembers(connection, transaction, id, draft);
        transaction.Commit();
        return (CollectionWrite.Done, Get(id));
    }

    public CollectionWrite Delete(string id, long? expectedVersion)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Read(connection, transaction, id);
        if (current is null)
        {
            return CollectionWrite.NotFound;
        }
        if (expectedVersion is { } version && version != current.Version)
        {
            return CollectionWrite.VersionConflict;
        }
        Execute(connection, transaction, "DELETE FROM collections WHERE id = $id", ("$id", id));
        transaction.Commit();
        return CollectionWrite.Done;
    }

    private SqliteConnection Open()
    {
        _ = _schema.Value;
        return OpenConnection();
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: a committed transaction is on disk before the call returns; members go with their collection.
        Execute(connection, null, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
        return connection;
    }

    private string Now() => _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static string? NameOwner(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM collections WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() as string;
    }

    private static void WriteMembers(SqliteConnection connection, SqliteTransaction transaction, string id, CollectionDraft draft)
    {
        foreach (var (kind, numbers) in new[] { ("pinned", draft.Pinned), ("excluded", draft.Excluded) })
        {
            for (var i = 0; i < numbers.Count; i++)
            {
                Execute(connection, transaction, "INSERT OR IGNORE INTO members (collection_id, number, kind, position) VALUES ($id, $number, $kind, $position)",
                    ("$id", id), ("$number", numbers[i]), ("$kind", kind), ("$position", i));
            }
        }
    }

    private static PatentPool? Read(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        string name;
        string? description, owner, query;
        long version;
        DateTimeOffset created, updated;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT name, description, owner, query, version, created, updated FROM collections WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }
            name = reader.GetString(0);
            description = reader.IsDBNull(1) ? null : reader.GetString(1);
            owner = reader.IsDBNull(2) ? null : reader.GetString(2);
            query = reader.IsDBNull(3) ? null : reader.GetString(3);
            version = reader.GetInt64(4);
            created = DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture);
            updated = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture);
        }
        var pinned = new List<string>();
        var excluded = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT number, kind FROM members WHERE collection_id = $id ORDER BY kind, position";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                (reader.GetString(1) == "pinned" ? pinned : excluded).Add(reader.GetString(0));
            }
        }
        return new PatentPool(id, name, description, owner, query, pinned, excluded, version, created, updated);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }
}
