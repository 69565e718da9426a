namespace Mesa.Server.Endpoints;

/// <summary>RFC 9457 problem details with a title and a detail that names what is wrong.</summary>
public static class Problems
{
    public static IResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    /// <summary>400 naming the offending field both in <c>detail</c> and in <c>errors</c>.</summary>
    public static IResult Field(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, detail: $"{field}: {problem}", title: "The request is invalid");

    public static IResult NotFound(string what) => Create(StatusCodes.Status404NotFound, "Not found", $"{what} does not exist.");
}
