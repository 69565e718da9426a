namespace Mesa.Server.Uploads;

/// <summary>The upload passed the size limit; it was stopped while streaming.</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"The upload is larger than the limit of {limit} bytes.");
