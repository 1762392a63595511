using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>
/// Many rows in one statement: INSERT ... SELECT unnest(@a), unnest(@b), ..., one array per column. Used where thousands
/// of rows arrive at once (bulk imports and the events they publish). COPY would be faster still, but PostgreSQL refuses
/// COPY FROM into tables under row-level security. Runs on the context's connection, inside its current transaction.
/// The arrays are unnested in the select list, where they advance in step without being stored: FROM unnest(@a, @b, ...)
/// first copies every array into a tuple store, several times slower (ADR 0005).
/// </summary>
public static class BulkInsert
{
    public const string OnConflictDoNothing = "ON CONFLICT DO NOTHING";

    /// <summary>
    /// Runs an insert of rows some of which may already be there (an event whose rows another message brought), skipping
    /// those. ON CONFLICT DO NOTHING makes every row a speculative insertion, markedly dearer per row (ADR 0005); so the
    /// rows are inserted plainly under a savepoint, and only when one of them is already there is the insert
    /// redone, with <see cref="OnConflictDoNothing"/> as the suffix <paramref name="insert"/> is given.
    /// </summary>
    public static async Task<T> SkippingExistingAsync<T>(this DbContext db, Func<string, Task<T>> insert, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not { } transaction)
        {
            return await insert(OnConflictDoNothing);
        }

        const string savepoint = "before_insert";
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            return await insert("");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
            return await insert(OnConflictDoNothing);
        }
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> in one statement, the table and its columns taken from the EF model: every mapped
    /// property but those the database computes or generates (identity columns), each through its value converter, so
    /// that the column list cannot fall out of step with the entity.
    /// </summary>
    public static Task<int> InsertEntitiesAsync<TEntity>(this DbContext db, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken = default)
        where TEntity : class => db.InsertEntitiesAsync(rows, suffix: null, cancellationToken);

    /// <summary>
    /// <see cref="InsertEntitiesAsync{TEntity}(DbContext, IReadOnlyList{TEntity}, CancellationToken)"/> with a clause after
    /// the select, such as <see cref="OnConflictDoNothing"/>. A column that holds an array per row (unnest would flatten
    /// an array of arrays) travels as the array's text and a JSON column as its text, each cast to the column's type.
    /// </summary>
    public static Task<int> InsertEntitiesAsync<TEntity>(
        this DbContext db, IReadOnlyList<TEntity> rows, string? suffix, CancellationToken cancellationToken = default)
        where TEntity : class
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = new List<(string Column, Array Values)>();
        var casts = new Dictionary<int, string>();
        foreach (var property in entity.GetProperties()
            .Where(p => p.GetComputedColumnSql(table) is null && p.GetValueGenerationStrategy(table) == NpgsqlValueGenerationStrategy.None))
        {
            var converter = property.GetTypeMapping().Converter;
            var type = converter?.ProviderClrType ?? property.ClrType;
            var storeType = property.GetColumnType(table);
            var asText = type.IsArray && type != typeof(byte[]) || storeType is "json" or "jsonb";
            var values = Array.CreateInstance(asText ? typeof(string) : type, rows.Count);
            var getter = property.GetGetter();
            for (var i = 0; i < rows.Count; i++)
            {
                var value = getter.GetClrValue(rows[i]);
                value = converter is null || value is null ? value : converter.ConvertToProvider(value);
                values.SetValue(value is Array array && asText ? ArrayText(array) : value, i);
            }

            if (asText)
            {
                casts[columns.Count] = storeType;
            }

            columns.Add((property.GetColumnName(table)!, values));
        }

        return InsertColumnsAsync(db, entity.GetSchemaQualifiedTableName()!, columns, suffix, casts, cancellationToken);
    }

    /// <summary>A text (or id) array as PostgreSQL reads it: every text quoted, so that none needs a rule of its own.</summary>
    private static string ArrayText(Array array)
    {
        var text = new StringBuilder("{");
        foreach (var item in array)
        {
            text.Append(text.Length > 1 ? "," : "");
            if (item is null)
            {
                text.Append("NULL");
            }
            else if (item is string s)
            {
                text.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
            else if (item is Guid id)
            {
                text.Append(id.ToString("D"));
            }
            else
            {
                throw new NotSupportedException($"Bulk inserts carry arrays of text or ids only, not of {item.GetType().Name}.");
            }
        }

        return text.Append('}').ToString();
    }

    public static Task<int> InsertManyAsync(
        this DbContext db, string table, IReadOnlyList<(string Column, Array Values)> columns, string? suffix = null, CancellationToken cancellationToken = default)
        => InsertColumnsAsync(db, table, columns, suffix, casts: null, cancellationToken);

    /// <summary>The insert; <paramref name="casts"/> gives the type some columns' values are cast to, by their position.</summary>
    private static async Task<int> InsertColumnsAsync(
        DbContext db, string table, IReadOnlyList<(string Column, Array Values)> columns, string? suffix, Dictionary<int, string>? casts,
        CancellationToken cancellationToken)
    {
        if (columns.Count == 0 || columns[0].Values.Length == 0)
        {
            return 0;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = ((NpgsqlConnection)db.Database.GetDbConnection()).CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
            command.CommandText =
                $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Column))}) " +
                $"SELECT {string.Join(", ", columns.Select((_, i) => casts?.GetValueOrDefault(i) is { } cast ? $"unnest(@p{i})::{cast}" : $"unnest(@p{i})"))} {suffix}";
            for (var i = 0; i < columns.Count; i++)
            {
                command.Parameters.Add(new NpgsqlParameter($"p{i}", columns[i].Values));
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
