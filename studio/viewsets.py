"""The studio in the Wagtail admin: recordings listed, filtered and edited; a chooser for blocks."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, HistoryView, IndexView
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Recording
from .permissions import policy


class StatusColumn(Column):
    """The processing state of the recording's media, with its progress."""

    cell_template_name = "studio/admin/status_cell.html"

    def get_value(self, instance):
        return instance.asset


class RecordingIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("asset", "owner")
        return policy.editable(self.request.user, queryset)


class OwnedRecordingMixin:
    """Refuse a recording the user may not change: the model-level check is not enough."""

    def get_object(self):
        recording = super().get_object()
        if not policy.can_change(self.request.user, recording):
            raise PermissionDenied
        return recording


class RecordingEditView(OwnedRecordingMixin, EditView):
    pass


class RecordingDeleteView(OwnedRecordingMixin, DeleteView):
    pass


class RecordingHistoryView(OwnedRecordingMixin, HistoryView):
    pass


class RecordingUsageView(OwnedRecordingMixin, UsageView):
    pass


class RecordingViewSet(ModelViewSet):
    model = Recording
    icon = "media"
    menu_label = _("Recordings")
    menu_order = 100
    url_prefix = "studio/recordings"
    index_view_class = RecordingIndexView
    edit_view_class = RecordingEditView
    delete_view_class = RecordingDeleteView
    history_view_class = RecordingHistoryView
    usage_view_class = RecordingUsageView
    list_display = [
        "title",
        StatusColumn("status", label=_("Media")),
        "visibility",
        "owner",
        "updated_at",
    ]
    list_filter = ["visibility", "licence", "instruments", "asset__state"]
    search_fields = ["title", "description"]
    ordering = ["-updated_at"]
    inspect_view_enabled = False
    create_view_enabled = False  # recordings start from an upload
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                InlinePanel("performers", label=_("Performer")),
                InlinePanel("works", label=_("Work")),
                FieldPanel("instruments", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("What was played"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("recorded_on"), FieldPanel("place")]),
                FieldPanel("language"),
                FieldPanel("tags"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("licence"), FieldPanel("rights_holder"), FieldPanel("visibility")],
            heading=_("Rights and access"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("captions", label=_("Captions (WebVTT)")),
                InlinePanel("chapters", label=_("Chapter")),
                FieldPanel("transcript"),
            ],
            heading=_("Accessibility"),
        ),
    ]


class ChoosableMixin:
    """Offer in the chooser only the recordings the person may place in a page."""

    def get_object_list(self):
        recordings = Recording.objects.select_related("asset").order_by("-created_at")
        return policy.choosable(self.request.user, recordings)


class RecordingChooseView(ChoosableMixin, chooser_views.ChooseView):
    pass


class RecordingChooseResultsView(ChoosableMixin, chooser_views.ChooseResultsView):
    pass


class RecordingChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        return policy.choosable(self.request.user, Recording.objects).get(pk=pk)


class RecordingChosenMultipleView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return policy.choosable(self.request.user, Recording.objects).filter(pk__in=pks)


class RecordingChooserViewSet(ChooserViewSet):
    model = Recording
    icon = "media"
    choose_one_text = _("Choose a recording")
    choose_another_text = _("Choose another recording")
    edit_item_text = _("Edit this recording")
    url_prefix = "studio/recording-chooser"
    choose_view_class = RecordingChooseView
    choose_results_view_class = RecordingChooseResultsView
    chosen_view_class = RecordingChosenView
    chosen_multiple_view_class = RecordingChosenMultipleView


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.can_add(request.user)


class UploadMenuViewSet(ViewSet):
    """The menu entry of the upload screen (its URLs are the uploads' own)."""

    icon = "upload"
    menu_label = _("Upload a recording")
    menu_order = 10
    menu_item_class = UploadMenuItem

    @cached_property
    def menu_url(self):
        return reverse("studio_uploads:new")


class StudioViewSetGroup(ModelViewSetGroup):
    menu_label = _("Studio")
    menu_icon = "media"
    menu_order = 250
    items = (UploadMenuViewSet("studio_upload_menu"), RecordingViewSet("recordings"))


recording_chooser_viewset = RecordingChooserViewSet("recording_chooser")
