namespace Microblog.Storage.Migrations;

/// <summary>One schema change. Versions are applied in ascending order, each once.</summary>
public sealed record Migration(int Version, string Name, string Sql);
