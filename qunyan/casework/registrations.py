"""The records that take attachments, and the unit whose scope decides who sees them.

Other modules register theirs the same way, e.g. in their AppConfig.ready():
    register_attachable(Session, unit_of=lambda s: s.town, capability=Capability.MANAGE_TRAINING)
"""

from qunyan.core.roles import Capability
from qunyan.talents.models import Outreach
from qunyan.training.models import Session

from .attachments import register_attachable
from .models import MediationCase, ServiceRecord

register_attachable(ServiceRecord, unit_of=lambda record: record.village)
register_attachable(MediationCase, unit_of=lambda case: case.village)
# A contact is seen where the person contacted is (the talents module's own rule).
register_attachable(
    Outreach, unit_of=lambda contact: contact.person.unit, capability=Capability.CHANGE_PEOPLE
)
# Photos of a class's sitting (活动现场照片) belong to the town that holds the class.
register_attachable(
    Session,
    unit_of=lambda session: session.training_class.town,
    capability=Capability.MANAGE_TRAINING,
)
