"""Looking inside a trained network: feature maps, convolution filters and Grad-CAM heatmaps for one sample."""

from engine.insight.feature_maps import feature_maps, filters
from engine.insight.gradcam import grad_cam

__all__ = ["feature_maps", "filters", "grad_cam"]
