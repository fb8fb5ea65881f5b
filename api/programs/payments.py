"""The money paid on a proposal (`/proposals/{proposal_pk}/payments/`): listed for whoever sees
the proposal, recorded by officers (programs.services.payments.record_payment, under the
proposal's lock, never beyond the approved funding)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from api.programs.budget import ProposalChildMixin
from api.serializers import ChoiceLabelField, ServiceModelSerializer
from programs.models import Payment
from programs.services.payments import PAYMENT_FIELDS, record_payment


class PaymentSerializer(ServiceModelSerializer):
    kind_label = ChoiceLabelField("kind")

    class Meta:
        model = Payment
        fields = ["id", *PAYMENT_FIELDS, "kind_label", "created_at"]
        read_only_fields = ["id", "created_at"]


@extend_schema_view(create=extend_schema(responses={201: PaymentSerializer}))
class PaymentViewSet(
    ProposalChildMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Payments of a proposal: advances, further payments and the settlement. No change or
    delete: a payment is an accounting record."""

    serializer_class = PaymentSerializer
    child_model = Payment

    def save(self, *, proposal, data, row=None):
        return record_payment(actor=self.request.user, proposal=proposal, data=data)
