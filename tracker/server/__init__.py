"""What running on a real server needs: health check, client address behind a proxy,
private caching headers, log configuration."""
