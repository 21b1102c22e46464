import zoneinfo

from django.utils import timezone

from tracker.models import Profile


class ProfileTimezoneMiddleware:
    """Attach the person's profile and work in their time zone, so that "today" and
    every log date are their local dates, never UTC's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            request.profile, _ = Profile.objects.get_or_create(user=request.user)
            try:
                timezone.activate(zoneinfo.ZoneInfo(request.profile.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
