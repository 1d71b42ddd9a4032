using System.Text;
using Microsoft.EntityFrameworkCore;

namespace JobPlatform.Engine.Data;

/// <summary>The SQL schemas of the jobs database (the engine's and its modules') name columns in snake_case.</summary>
public static class SnakeCaseColumns
{
    /// <summary>Maps every property of the model to its snake_case column; call last in <c>OnModelCreating</c>.</summary>
    public static void UseSnakeCaseColumns(this ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static string SnakeCase(string name)
    {
        var snake = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
