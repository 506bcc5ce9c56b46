from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("<int:pk>/ouvrir/", views.notification_open, name="notification_open"),
    path("<int:pk>/groupe-lu/", views.notification_group_read, name="notification_group_read"),
    path("preferences/", views.notification_preferences, name="notification_preferences"),
    path("tout-lu/", views.notification_mark_all_read, name="notification_mark_all_read"),
]
