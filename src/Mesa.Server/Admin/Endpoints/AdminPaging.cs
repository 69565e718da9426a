using Mesa.Server.Endpoints;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>The console's page/page_size query parameters, checked the same way on every list.</summary>
public static class AdminPaging
{
    public const int MaxPageSize = 200;

    public static (int Page, int Size, IResult? Problem) Read(int? page, int? pageSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? 50;
        if (number < 1) return (0, 0, Problems.Field("page", "must be 1 or more."));
        if (size is < 1 or > MaxPageSize) return (0, 0, Problems.Field("page_size", $"must be between 1 and {MaxPageSize}."));
        return (number, size, null);
    }

    public static object Page<T>(int page, int size, long total, IEnumerable<T> items) => new { page, page_size = size, total, items };
}
